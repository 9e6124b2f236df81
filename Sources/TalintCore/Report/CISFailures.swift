/// The FAILs of a run, each once per control, place and evidence, with the machines it reaches.
enum CISFailures {
  struct Failure {
    var result: CISResult
    var machines: [String]
  }

  /// The place of a failure: same control, location and evidence.
  private struct Key: Hashable {
    var control: String
    var location: CISLocation?
    var evidence: String
  }

  static func grouped(_ reports: [CISMachineReport]) -> [Failure] {
    var failures: [Failure] = []
    // Found by hash, not by a search of those found so far: machines that each fail at places
    // of their own would make the search quadratic.
    var indexes: [Key: Int] = [:]
    for report in reports {
      for result in report.results where result.status == .fail {
        let key = Key(control: result.control.id, location: result.location, evidence: result.evidence)
        if let index = indexes[key] {
          failures[index].machines.append(report.machine.name)
        } else {
          indexes[key] = failures.count
          failures.append(Failure(result: result, machines: [report.machine.name]))
        }
      }
    }
    return failures
  }
}
