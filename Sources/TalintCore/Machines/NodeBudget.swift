import Synchronization
import TalintYAML

/// How many nodes merges may create. What a patch makes is not bounded by its size: aliases
/// expand when it merges (a 385-byte patch expanded to 1.1 million nodes), each JSON6902
/// `copy` can double a subtree, and one patch may reach a hundred machines. Every node a merge
/// creates is counted against its machine's allowance and the run's; crossing either stops the
/// merge with TAL003 at the line being copied, so hostile input costs bounded time and memory.
public struct NodeBudget: Sendable {
  /// A machine's merge. Talos's generated bases hold under 1,000 nodes and the largest real
  /// config talint has been measured on (4,520 from public repositories) about 700: half a million
  /// is 700 times that, about 25 MB of arena.
  public static let perMachine = 500_000
  /// A run's merges, all machines together: 2 million is 2,800 machines of the largest real
  /// config. Four machines of half a million each took 17 s in a debug build on the project's
  /// 2-core machine (MergeBoundsTests).
  public static let perRun = 2_000_000

  /// The nodes this merge may create.
  public let allowance: Int
  /// True when the allowance is what the run has left rather than a machine's own.
  let isRunsRemainder: Bool
  /// The nodes created so far.
  public private(set) var created = 0
  /// The count of every merge running at once, shared so that machines merging in parallel
  /// stop as soon as together they pass the run's budget (see MachineFindings).
  let shared: SharedNodeCount?
  /// Nodes created and not yet added to `shared`: it is updated in batches.
  private var unshared = 0

  public init(allowance: Int = Self.perMachine, isRunsRemainder: Bool = false, shared: SharedNodeCount? = nil) {
    self.allowance = allowance
    self.isRunsRemainder = isRunsRemainder
    self.shared = shared
  }

  /// Counts one node about to be created at `range` (a position of the merge's file table).
  @inline(__always)
  mutating func spend(at range: SourceRange) throws(MergeError) {
    guard created < allowance else {
      let whose = isRunsRemainder ? "this run's machines together" : "this machine"
      throw MergeError(
        message: "merging would create more than \(isRunsRemainder ? Self.perRun : allowance) nodes for \(whose) "
          + "(aliases and JSON6902 copies expand as patches merge); the machine was not judged",
        range: range, isLimit: true)
    }
    created += 1
    unshared += 1
    if unshared == SharedNodeCount.batch, let shared {
      unshared = 0
      guard shared.add(SharedNodeCount.batch) else { throw MergeError(message: "cut short", range: range, cutShort: true) }
    }
  }
}

/// The nodes the merges of one run created, counted across threads.
public final class SharedNodeCount: Sendable {
  static let batch = 4096
  private let total = Atomic<Int>(0)
  let limit: Int

  public init(limit: Int = NodeBudget.perRun) { self.limit = limit }

  /// Adds `count`; false once the total is past the limit.
  func add(_ count: Int) -> Bool {
    total.add(count, ordering: .relaxed).newValue <= limit
  }
}
