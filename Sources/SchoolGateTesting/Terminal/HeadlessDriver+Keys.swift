import SchoolGateTUI

/// Driving the headless UI from a test: keys typed one at a time, each handled until the
/// UI is idle, resizing, polling, and what the screen looks like beyond its text.
extension HeadlessDriver {
    /// Types each key of a key script (see `KeyScript`), running the UI until idle after each.
    public func type(_ script: String) throws(ConfigError) {
        for key in try KeyScript.parse(script) { press(key) }
    }

    /// Presses one key and runs the UI until idle.
    public func press(_ key: Key) {
        terminal.feed(key)
        loop.runUntilIdle()
    }

    /// Resizes the terminal (as SIGWINCH would) and runs until idle.
    public func resize(rows: Int, cols: Int) {
        terminal.resize(rows: rows, cols: cols)
        loop.runUntilIdle()
    }

    /// Polls for outside changes and redraws, as the loop does between keys.
    public func idle() { loop.runUntilIdle() }

    /// The screen's attribute layer and legend (see `CursesTerminal.screenAttributeLayer`).
    public var attributes: (rows: [String], legend: [String]) { terminal.screenAttributeLayer() }

    /// Where the terminal cursor is.
    public var cursor: Position { terminal.cursorPosition }
}
