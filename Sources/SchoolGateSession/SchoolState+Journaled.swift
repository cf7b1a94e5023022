import SchoolGate
import SchoolGateStore

/// The store holds the school's records; its state is their fold.
extension SchoolState: JournaledState {
    public typealias Record = Recorded
}
