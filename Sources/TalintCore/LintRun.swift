import Dispatch

extension Linter {
  /// Lints many inputs: one takes the plain synchronous path (start-up matters to editors and
  /// hooks), more are spread over the cores. Results come back in input order, so the output
  /// of a parallel run is identical to a serial one.
  /// `referrers` gives, by display path, the release of the talconfig or template that uses
  /// a file as a patch.
  public func lint(_ inputs: [InputFile], referrers: [String: TalosRelease] = [:]) -> [FileResult] {
    if inputs.count <= 1 { return inputs.map { lint($0, referrer: referrers[$0.displayPath]) } }
    let results = ResultSlots(count: inputs.count)
    DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
      results.store(lint(inputs[index], referrer: referrers[inputs[index].displayPath]), at: index)
    }
    return results.collect()
  }
}

/// One slot per input; each concurrent iteration writes only its own slot.
private final class ResultSlots: @unchecked Sendable {
  private var slots: [FileResult?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func store(_ result: FileResult, at index: Int) {
    slots.withUnsafeMutableBufferPointer { $0[index] = result }
  }

  func collect() -> [FileResult] { slots.map { $0! } }
}
