import ArgumentParser

@main
struct SchoolGateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schoolgate")
}
