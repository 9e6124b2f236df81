@testable import TalintCore
import TalintTestSupport
import TalintYAML
import Testing

/// The bases a machine described only by patches starts from (`GeneratedBases.swift`) are
/// generated from Talos's own test data by `scripts/generate-bases.py`: the committed file must
/// be what the script writes today, and each base must be the complete config Talos generates.
@Suite struct GeneratedBaseTests {
  static let generated = Paths.shared.map { $0 + "/talos-reference/generated" }

  @Test(
    "GeneratedBases.swift is what scripts/generate-bases.py writes (skipped without ../shared, python3 or PyYAML)",
    .enabled(if: generated.map(Paths.isDirectory) ?? false && Subprocess.which("python3") != nil))
  func committedBasesAreCurrent() throws {
    let python = try #require(Subprocess.which("python3"))
    let output = try Subprocess.run(python, ["scripts/generate-bases.py", Paths.shared!], directory: Paths.packageRoot)
    guard !output.stderr.contains("No module named 'yaml'") else { return }
    #expect(output.status == 0, "\(output.stderr)")
    let committed = String(decoding: Paths.read(Paths.packageRoot + "/Sources/TalintCore/Machines/GeneratedBases.swift"), as: UTF8.self)
    #expect(output.stdout == committed, "run: python3 scripts/generate-bases.py > Sources/TalintCore/Machines/GeneratedBases.swift")
  }

  @Test func everyBaseIsACompleteConfigOfItsType() throws {
    #expect(GeneratedBases.texts.count == 16)
    for (name, text) in GeneratedBases.texts {
      let parsed = YAMLParser.parse(Array(text.utf8))
      #expect(parsed.error == nil, "\(name)")
      let config = TalosConfig(parsed.documents)
      #expect(config.hasFullConfig, "\(name)")
      #expect(config.machineType == (name.hasSuffix("controlplane") ? .controlPlane : .worker), "\(name)")
      // Key material is replaced, never embedded.
      #expect(!text.contains("BEGIN"), "\(name)")
    }
  }
}
