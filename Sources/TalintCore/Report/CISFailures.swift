/// The FAILs of a run, each once per control, place and evidence, with the machines it reaches.
enum CISFailures {
  struct Failure {
    var result: CISResult
    var machines: [String]
  }

  static func grouped(_ reports: [CISMachineReport]) -> [Failure] {
    var failures: [Failure] = []
    for report in reports {
      for result in report.results where result.status == .fail {
        if let index = failures.firstIndex(where: {
          $0.result.control.id == result.control.id && $0.result.location == result.location && $0.result.evidence == result.evidence
        }) {
          failures[index].machines.append(report.machine.name)
        } else {
          failures.append(Failure(result: result, machines: [report.machine.name]))
        }
      }
    }
    return failures
  }
}
