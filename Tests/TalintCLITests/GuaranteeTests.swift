import Foundation
import TalintTestSupport
import Testing

/// talint reads the files it lints and never writes to them.
@Suite struct GuaranteeTests {
  /// Size, modification time and content hash of every fixture.
  func snapshot() throws -> [String: String] {
    var result: [String: String] = [:]
    for path in Paths.files(in: Paths.fixtures, suffixes: [".yaml", ".yml"]) + [Paths.fixtures + "/project-config/.talint.yaml"] {
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
      let bytes = Paths.read(path)
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      result[path] = "\(bytes.count) \(modified) \(hash)"
    }
    return result
  }

  @Test func lintedFilesAreNeverModified() throws {
    let before = try snapshot()
    for format in ["text", "pretty", "json", "sarif", "github", "junit", "checkstyle", "gitlab"] {
      _ = try Subprocess.run(Paths.binary, ["lint", "--format", format, "Fixtures"], directory: Paths.packageRoot)
    }
    let baseline = ScratchTree.path(".json")
    _ = try Subprocess.run(Paths.binary, ["lint", "--write-baseline", baseline, "Fixtures"], directory: Paths.packageRoot)
    _ = try Subprocess.run(Paths.binary, ["lint", "--baseline", baseline, "Fixtures"], directory: Paths.packageRoot)
    #expect(try snapshot() == before)
    #expect(before.count > 50)
  }
}
