import Testing

@testable import TalintCore

/// `LintRun.parallel` stores results from many threads at once: it must keep input order and
/// never race (a debug build corrupted its heap linting a real repository of 438 files when
/// the results were an array each thread mutated through `withUnsafeMutableBufferPointer`).
@Suite struct ParallelTests {
  @Test func manySmallItemsComeBackInOrder() {
    for _ in 0..<20 {
      let items = Array(0..<5_000)
      let results = LintRun.parallel(items) { [String(repeating: "x", count: $0 % 7)] }
      #expect(results.map { $0[0].count } == items.map { $0 % 7 })
    }
  }
}
