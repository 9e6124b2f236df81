import TalintCore
import TalintTestSupport
import TalintYAML
import Testing

/// Talos's own config-patcher test cases (`../shared/conformance/talos-configpatcher`, from
/// `pkg/machinery/config/configpatcher/testdata` with its `apply_test.go` pairing): the merge
/// engine must produce Talos's expected config, or Talos's error.
@Suite struct ConformanceTests {
  struct Case: CustomStringConvertible, Sendable {
    var name: String
    var base: String
    var patches: [String]
    var expected: String?
    var error: String?
    var description: String { name }
  }

  static let folder = Paths.shared.map { $0 + "/conformance/talos-configpatcher" }

  static let cases: [Case] = {
    guard let folder else { return [] }
    let manifest = String(decoding: Paths.read(folder + "/MANIFEST.tsv"), as: UTF8.self)
    return manifest.split(separator: "\n").dropFirst().compactMap { line in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 5 else { return nil }
      let outcome = fields[4]
      return Case(
        name: fields[0], base: fields[1], patches: fields[2].split(separator: " ").map(String.init),
        expected: fields[3] == "-" ? nil : fields[3], error: outcome.hasPrefix("error: ") ? String(outcome.dropFirst(7)) : nil)
    }
  }()

  func documents(_ path: String) throws -> [YAMLDocument] {
    let parsed = YAMLParser.parse(Paths.read(Self.folder! + "/" + path))
    if let error = parsed.error { throw ConformanceError(message: "\(path): \(error.message)") }
    return parsed.documents
  }

  struct ConformanceError: Error { var message: String }

  @Test(.enabled(if: folder != nil, "skipped: ../shared/conformance is not beside the checkout"))
  func everyCaseIsListed() {
    #expect(Self.cases.count >= 10)
  }

  @Test(.enabled(if: folder != nil, "skipped: ../shared/conformance is not beside the checkout"), arguments: cases)
  func mergeMatchesTalos(_ testCase: Case) throws {
    var config = MergedConfig()
    do {
      try config.apply(PatchInput(parsed: try documents(testCase.base), file: 0))
      for (index, patch) in testCase.patches.enumerated() {
        try config.apply(PatchInput(parsed: try documents(patch), file: Int32(index + 1)))
      }
    } catch let error as MergeError {
      #expect(error.message == testCase.error, "\(testCase.name): Talos would not fail, talint says: \(error.message)")
      return
    }
    #expect(testCase.error == nil, "\(testCase.name): Talos fails with '\(testCase.error ?? "")', talint merged")
    guard let expectedPath = testCase.expected else { return }
    let expected = try documents(expectedPath).compactMap { document in document.root.map { TreeValue(document, $0).withoutEmpties } }
    let merged = config.documents.map { TreeValue(config.arena, $0.root).withoutEmpties }
    #expect(merged == expected, "\(testCase.name)")
  }
}
