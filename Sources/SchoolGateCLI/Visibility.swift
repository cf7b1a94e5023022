import SchoolGate
import SchoolGateSession

extension SchoolStore {
    /// Refuses (exit code 1, the domain's reason) when the acting staff member may not see
    /// `view`: the domain answers, the command line only asks.
    func requireSight(of view: StaffView) throws(Failure) {
        if let refusal = state.permission(toSee: view, by: login) { throw .refused(refusal) }
    }

    /// Whose people the acting staff member may see (teachers: their own sites').
    var peopleVisibility: PeopleVisibility { state.peopleVisibility(for: login) }
}
