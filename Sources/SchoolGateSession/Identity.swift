import Foundation
import SchoolGate

/// Who is running the program, as the operating system tells.
public enum Identity {
    /// The operating-system login of the effective user (recorded with every change).
    public static var osUser: String {
        login(of: geteuid()) ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }

    /// The login of `uid` in the password database, or nil.
    public static func login(of uid: uid_t) -> String? {
        guard let pw = getpwuid(uid), let name = pw.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    /// The caller of a program about to use the store in `storeFolder`, with `--as`
    /// (the domain decides what it allows: ``SchoolState/acting(for:)``).
    ///
    /// - Root (effective user 0) is the superuser, however it got there.
    /// - Running as the store's owner through sudo (the service-account deployment): the
    ///   person is sudo's `SUDO_UID`, trusted only then — the owner is a system account
    ///   that nobody but sudo becomes — and only when the password database knows it (and
    ///   names it as `SUDO_USER` says, when sudo says).
    /// - Running as the store's owner otherwise: the store's own account (systemd, cron).
    /// - Anyone else: the person of the real user id.
    public static func caller(storeFolder: URL, asLogin: String?,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> Caller {
        let ruid = getuid(), euid = geteuid()
        if euid == 0 { return Caller(osLogin: "root", kind: .superuser, asLogin: asLogin) }
        if let owner = owner(of: storeFolder), owner == euid {
            if ruid == euid, let text = environment["SUDO_UID"], let sudoUID = uid_t(text), sudoUID != euid,
               let person = login(of: sudoUID), environment["SUDO_USER"].map({ $0 == person }) ?? true {
                return sudoUID == 0 ? Caller(osLogin: "root", kind: .superuser, asLogin: asLogin)
                    : Caller(osLogin: person, kind: .person, asLogin: asLogin)
            }
            if ruid == euid { return Caller(osLogin: login(of: euid) ?? "uid \(euid)", kind: .storeOwner, asLogin: asLogin) }
        }
        return Caller(osLogin: login(of: ruid) ?? "uid \(ruid)", kind: .person, asLogin: asLogin)
    }

    /// The owner of the store folder (of the nearest folder above it that exists, for a
    /// store not made yet).
    static func owner(of folder: URL) -> uid_t? {
        var url = folder.standardizedFileURL
        while true {
            var info = stat()
            if stat(url.path, &info) == 0 { return info.st_uid }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }
}
