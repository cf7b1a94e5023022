import Testing

/// Every suite that drives curses is nested here: curses is one global state per
/// process, and `.serialized` on this parent runs all of them one test at a time
/// (separate top-level suites would run in parallel and draw over each other).
@Suite(.serialized) enum CursesTests {}
