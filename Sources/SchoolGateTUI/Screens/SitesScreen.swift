import Foundation
import SchoolGate

/// Tab 1: the site collections with their sharing badges (own level and effective
/// level), and under each its sites grouped as Trip sites, Event calendars, Contact
/// lists and Team sites, with how many external users can see each. Enter opens a site;
/// `s` changes the selected collection's sharing level and `a` creates a site in it
/// (collection admins and admins); `A` creates a collection (admins).
final class SitesScreen: SchoolScreen, TableSource {
    enum RowKey: Hashable {
        case collection(String)
        case site(SiteID)
    }

    private enum Entry {
        case collection(SiteCollection, effective: SharingLevel, viewers: Int)
        case heading(String)
        case site(Site, effective: SharingLevel, viewers: Int)
    }

    private var entries: [Entry] = []
    private var glyphs = Glyphs.unicode
    private var pane = TablePane<RowKey>([
        .init("Collection / site", .flexible(minimum: 20, weight: 1)),
        .init("Own level", .fixed(11)), .init("Effective", .fixed(11)),
        .init("External", .fixed(8), align: .right),
    ], emptyText: "No site collections yet.")

    override var title: String { "Sites" }
    override var scopes: [ActionScope] { [.sites, .list] }
    var rowCount: Int { entries.count }

    func row(_ i: Int) -> TableRow<RowKey> {
        switch entries[i] {
        case .collection(let c, let effective, let viewers):
            let archived = c.archived == nil ? "" : " [archived]"
            return TableRow(cells: [Segment(Show.text(c.title) + " (\(c.slug))" + archived, .listGroup), Show.badge(c.sharing, glyphs),
                                    Show.badge(effective, glyphs), Segment("\(viewers) ext.")], key: .collection(c.slug))
        case .heading(let title):
            return .heading("   " + title)
        case .site(let s, let effective, let viewers):
            guard s.archived == nil else {
                // Archived: read-only for staff, seen by nobody outside the school.
                return TableRow(cells: [Segment("     " + Show.text(s.title) + " [archived]", .muted), Segment(""),
                                        Segment("archived", .muted), Segment("")], key: .site(s.id))
            }
            return TableRow(cells: [Segment("     " + Show.text(s.title)), Segment(""), Show.badge(effective, glyphs),
                                    Segment("\(viewers) ext.")], key: .site(s.id))
        }
    }

    override func rebuild() {
        let kept = pane.selectedKey(self)
        entries = []
        let now = session.now
        let bySlug = Dictionary(grouping: state.sites.values, by: { $0.id.collection })
        for c in state.collections.values.sorted(by: { ($0.title, $0.slug) < ($1.title, $1.slug) }) {
            let sites = bySlug[c.slug] ?? []
            let counts = Dictionary(uniqueKeysWithValues: sites.map { ($0.id, state.externalViewerCount(site: $0.id, at: now)) })
            let effective = state.effectiveLevel(collection: c.slug)
            entries.append(.collection(c, effective: effective, viewers: counts.values.reduce(0, +)))
            for kind in SiteKind.allCases {
                let ofKind = sites.filter { $0.kind == kind }.sorted { ($0.title, $0.id) < ($1.title, $1.id) }
                guard !ofKind.isEmpty else { continue }
                entries.append(.heading(kind.groupTitle))
                for site in ofKind { entries.append(.site(site, effective: effective, viewers: counts[site.id] ?? 0)) }
            }
        }
        pane.reload(self, keeping: kept) { key in (0..<self.entries.count).first { self.row($0).key == key } }
    }

    override func draw(in rect: Rect, canvas: inout Canvas, context: RenderContext) {
        refreshIfNeeded()
        glyphs = context.glyphs
        pane.draw(self, in: rect, canvas: &canvas, context: context)
    }

    override func perform(_ action: ActionID, shell: AppShell) -> Bool {
        refreshIfNeeded()
        if pane.handle(action, self) { return true }
        switch action {
        case .open:
            if case .site(let id)? = pane.selectedKey(self) { shell.push(SiteScreen(session: session, site: id)) }
            return true
        case .setLevel:
            if let slug = selectedCollection { SharingFlow.changeCollection(slug, screen: self, shell: shell) }
            return true
        case .newSite:
            if let slug = selectedCollection {
                ifAllowed(.addSite(collection: slug), shell: shell) { SiteForms.newSite(in: slug, screen: self, shell: shell) }
            } else {
                shell.status = .info("Select a collection you manage to create a site in it.")
            }
            return true
        case .newCollection:
            ifAllowed(.addCollection, shell: shell) { SiteForms.newCollection(screen: self, shell: shell) }
            return true
        default:
            return false
        }
    }

    override func offers(_ action: ActionID) -> Bool {
        switch action {
        case .setLevel: selectedCollection.map { allows(.setCollectionSharing(collection: $0)) } ?? false
        case .newSite: selectedCollection.map { allows(.addSite(collection: $0)) } ?? false
        case .newCollection: allows(.addCollection)
        case .open: if case .site? = pane.selectedKey(self) { true } else { false }
        default: true
        }
    }

    override func search(_ query: String, forward: Bool) -> Bool? {
        refreshIfNeeded()
        return pane.search(query, forward: forward, self)
    }

    var selectedCollection: String? {
        switch pane.selectedKey(self) {
        case .collection(let slug)?: slug
        case .site(let id)?: id.collection
        case nil: nil
        }
    }
}
