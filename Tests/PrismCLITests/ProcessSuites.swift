import Testing

/// The parent of every suite in this target.
///
/// These suites start `prism` (and tmux) and wait for them, which holds a thread of
/// Swift's cooperative pool, only two threads wide on a 2-core machine: several of them at
/// once starved the async tests of other targets for tens of seconds, and timing checks
/// there failed. Nested in one serialized suite they run one at a time.
@Suite(.serialized, .timeLimit(.minutes(5))) enum ProcessSuites {}
