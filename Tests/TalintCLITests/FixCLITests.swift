import Foundation
import TalintTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `talint lint --fix` and `--diff`: what they write, what they leave alone, and how they end.
@Suite struct FixCLITests {
  static let weakened = "# the node\nmachine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"   # for bpftrace\n    net.core.somaxconn: \"4096\"\n  install:\n    extraKernelArgs:\n      - console=ttyS0\n      - -pti\n"
  static let fixed = "# the node\nmachine:\n  sysctls:\n    net.core.somaxconn: \"4096\"\n  install:\n    extraKernelArgs:\n      - console=ttyS0\n"

  func talint(_ arguments: [String], in directory: String, stdin: String? = nil) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, arguments, stdin: stdin.map { Array($0.utf8) }, directory: directory)
  }

  func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

  @Test func fixWritesTheFileKeepsItsModeAndReportsWhatRemains() throws {
    let folder = try ScratchTree.make(["node.yaml": Self.weakened + "cluster:\n  secretboxEncryptionSecret: z01mye6j16bspJYtTB/5SFX8j7Ahe/mWx0lA8F2/pQE=\n", "clean.yaml": "machine:\n  type: worker\n"])
    chmod(folder + "/node.yaml", 0o640)
    var before = stat()
    stat(folder + "/clean.yaml", &before)
    let output = try talint(["lint", "--fix", "."], in: folder)
    #expect(try read(folder + "/node.yaml") == Self.fixed + "cluster:\n  secretboxEncryptionSecret: z01mye6j16bspJYtTB/5SFX8j7Ahe/mWx0lA8F2/pQE=\n")
    var info = stat()
    stat(folder + "/node.yaml", &info)
    #expect(info.st_mode & 0o777 == 0o640)
    // An unchanged file is not rewritten.
    var after = stat()
    stat(folder + "/clean.yaml", &after)
    #expect(after.st_ino == before.st_ino && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
    #expect(output.stderr.contains("talint: fixed 2 findings in 1 file"), "\(output.stderr)")
    // What has no fix is still reported, and fails the run.
    #expect(output.stdout.contains("[TAL602]"))
    #expect(!output.stdout.contains("[TAL201]") && !output.stdout.contains("[TAL101]"))
    #expect(output.status == 1)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".talint-fix") }.isEmpty)
  }

  @Test func diffPrintsAUnifiedDiffAndWritesNothing() throws {
    let folder = try ScratchTree.make(["node.yaml": Self.weakened])
    let output = try talint(["lint", "--diff", "node.yaml"], in: folder)
    #expect(output.status == 1)
    #expect(output.stdout == """
      --- a/node.yaml
      +++ b/node.yaml
      @@ -1,9 +1,7 @@
       # the node
       machine:
         sysctls:
      -    kernel.kptr_restrict: "0"   # for bpftrace
           net.core.somaxconn: "4096"
         install:
           extraKernelArgs:
             - console=ttyS0
      -      - -pti

      """, "\(output.stdout)")
    #expect(try read(folder + "/node.yaml") == Self.weakened)
    #expect(output.stderr.contains("talint: would fix 2 findings in 1 file"))
    // `git apply` takes the diff as it is.
    let clean = try talint(["lint", "--diff", "node.yaml"], in: try ScratchTree.make(["node.yaml": Self.fixed]))
    #expect(clean.status == 0 && clean.stdout.isEmpty)
  }

  @Test func diffNeverShowsASecretNearAFix() throws {
    let secret = "z01mye6j16bspJYtTB/5SFX8j7Ahe/mWx0lA8F2/pQE="
    let text = "cluster:\n  secretboxEncryptionSecret: \(secret)\nmachine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n"
    let folder = try ScratchTree.make(["node.yaml": text])
    let output = try talint(["lint", "--diff", "node.yaml"], in: folder)
    #expect(output.status == 1)
    #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret))
    #expect(output.stdout.contains("   secretboxEncryptionSecret: ******\n"), "\(output.stdout)")
    #expect(output.stdout.contains("-    kernel.kptr_restrict: \"0\"\n"))
  }

  @Test func diffReadsStandardInputAndFixDoesNot() throws {
    let folder = try ScratchTree.make(["x/": ""])
    let diff = try talint(["lint", "--diff", "--stdin-filename", "node.yaml"], in: folder, stdin: Self.weakened)
    #expect(diff.status == 1)
    #expect(diff.stdout.hasPrefix("--- a/node.yaml\n+++ b/node.yaml\n"))
    let fix = try talint(["lint", "--fix", "-"], in: folder, stdin: Self.weakened)
    #expect(fix.status == 64)
    #expect(fix.stderr.contains("--fix writes files; use --diff for standard input"))
    #expect(try talint(["lint", "--fix", "--diff", "."], in: folder).status == 64)
  }

  @Test func crlfBomAndTemplatesKeepTheirShape() throws {
    let crlf = Self.weakened.replacing("\n", with: "\r\n")
    let folder = try ScratchTree.make(["crlf.yaml": crlf, "talos/node.yaml.j2": "machine:\n  sysctls:\n    net.core.somaxconn: \"{{ somaxconn }}\"\n    kernel.kptr_restrict: \"0\"\n"])
    try Data([0xEF, 0xBB, 0xBF] + Array(Self.weakened.utf8)).write(to: URL(fileURLWithPath: folder + "/bom.yaml"))
    _ = try talint(["lint", "--fix", "."], in: folder)
    #expect(try read(folder + "/crlf.yaml") == Self.fixed.replacing("\n", with: "\r\n"))
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/bom.yaml"))) == [0xEF, 0xBB, 0xBF] + Array(Self.fixed.utf8))
    #expect(try read(folder + "/talos/node.yaml.j2") == "machine:\n  sysctls:\n    net.core.somaxconn: \"{{ somaxconn }}\"\n")
  }

  @Test func aTalconfigInlinePatchIsFixedInPlace() throws {
    let talconfig = """
      clusterName: lab
      talosVersion: v1.12.0
      endpoint: https://10.0.0.1:6443
      nodes:
        - hostname: cp1
          controlPlane: true
          patches:
            - |
              machine:
                sysctls:
                  kernel.kptr_restrict: "0"
                  net.core.somaxconn: "4096"

      """
    let folder = try ScratchTree.make(["talconfig.yaml": talconfig])
    let output = try talint(["lint", "--fix", "talconfig.yaml"], in: folder)
    #expect(try read(folder + "/talconfig.yaml") == talconfig.replacing("            kernel.kptr_restrict: \"0\"\n", with: ""), "\(output.stdout)\(output.stderr)")
  }
}
