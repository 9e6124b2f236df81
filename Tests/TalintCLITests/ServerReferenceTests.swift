import Foundation
import TalintTestSupport
import Testing

/// The language server reads what the command line reads (issue 19): a `.talint.yaml` that
/// links out of the project is not read, and a talconfig's references stay inside the project.
@Suite struct ServerReferenceTests {
  static let canary = "servercanary3m9d"

  @Test func aConfigurationLinkingOutAndReferencesOutsideAreNotRead() throws {
    let base = try ScratchTree.make([
      "outside/config.yaml": "\(Self.canary): 1\nignore: [TAL201]\n",
      "outside/patch.yaml": "machine:\n  install:\n    extraKernelArgs: [\(Self.canary)]\n",
      "repo/.git/HEAD": "ref: refs/heads/main\n",
    ])
    let root = base + "/repo"
    try FileManager.default.createSymbolicLink(atPath: root + "/.talint.yaml", withDestinationPath: base + "/outside/config.yaml")
    let client = try LSPClient(directory: root)
    _ = client.initialize(root: root)
    let path = root + "/talconfig.yaml"
    let text = "clusterName: c\ntalosVersion: v1.13.0\nnodes:\n  - hostname: n1\n    controlPlane: true\n    patches:\n      - \"@../outside/patch.yaml\"\n"
    client.open(path, text: text + "patches:\n  - |-\n    machine:\n      sysctls:\n        kernel.kptr_restrict: \"0\"\n")
    let message = client.wait { ($0["method"] as? String) == "window/showMessage" }
    let shown = ((message?["params"] as? [String: Any])?["message"] as? String) ?? ""
    #expect(shown.contains(".talint.yaml:1:1: error:") && shown.contains("not read"), "\(shown)")
    let items = ServerTests.items(client.diagnostics(for: path))
    let codes = items.compactMap { $0["code"] as? String }
    // The linked configuration's `ignore: [TAL201]` did not apply; the reference is TAL003 at its line.
    #expect(codes.contains("TAL201"), "\(codes)")
    let reference = try #require(items.first { $0["code"] as? String == "TAL003" })
    #expect(ServerTests.start(reference).0 == 6)
    let all = String(describing: message ?? [:]) + String(describing: items)
    #expect(!all.contains(Self.canary))
  }
}
