import Foundation
import TalintTestSupport
import Testing

/// Hover and completion from Talos's own config types, for the release the document is judged
/// by: the keys a mapping may hold, the values a key takes, what Talos says about a key.
@Suite struct ServerStructureTests {
  func session(_ files: [String: String] = [:]) throws -> (LSPClient, String) {
    let root = try ScratchTree.make(files.merging(["repo/.git/HEAD": "ref: refs/heads/main\n"]) { $1 }) + "/repo"
    let client = try LSPClient(directory: root)
    let reply = client.initialize(root: root)
    let capabilities = (reply?["result"] as? [String: Any])?["capabilities"] as? [String: Any]
    #expect(capabilities?["completionProvider"] != nil, "\(String(describing: reply))")
    return (client, root)
  }

  func opened(_ client: LSPClient, _ path: String, _ text: String) {
    client.open(path, text: text)
    _ = client.diagnostics(for: path)
  }

  func hover(_ client: LSPClient, _ path: String, line: Int, character: Int) -> String? {
    let reply = client.request("textDocument/hover", ["textDocument": ["uri": LSPClient.uri(path)], "position": ["line": line, "character": character]])
    return ((reply?["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String
  }

  func labels(_ client: LSPClient, _ path: String, line: Int, character: Int) -> [String] {
    let reply = client.request("textDocument/completion", ["textDocument": ["uri": LSPClient.uri(path)], "position": ["line": line, "character": character]])
    return (reply?["result"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
  }

  static let patch = "machine:\n  install:\n    extraKernelArgs:\n      - pti=on\n  kubelet:\n    \n"

  @Test func hoverShowsTalosDescriptionAndDeprecationOfTheFilesRelease() throws {
    let (client, root) = try session(["repo/old/.talint.yaml": "talos-version: \"1.11\"\n"])
    opened(client, root + "/patch.yaml", Self.patch)
    let newest = try #require(hover(client, root + "/patch.yaml", line: 2, character: 8))
    #expect(newest.contains("**extraKernelArgs**") && newest.contains("extra kernel args"), "\(newest)")
    #expect(newest.contains("**Deprecated:**"), "\(newest)")
    opened(client, root + "/old/patch.yaml", Self.patch)
    let old = try #require(hover(client, root + "/old/patch.yaml", line: 2, character: 8))
    #expect(old.contains("Talos 1.11") && !old.contains("**Deprecated:**"), "\(old)")
  }

  @Test func completionOffersTheKeysOfTheMappingAtTheCursor() throws {
    let (client, root) = try session()
    opened(client, root + "/patch.yaml", Self.patch)
    let keys = labels(client, root + "/patch.yaml", line: 5, character: 4)
    #expect(keys.contains("extraConfig") && keys.contains("extraArgs"), "\(keys)")
    #expect(!keys.contains("install") && !keys.contains("extraKernelArgs"), "\(keys)")
    // A half-typed key that does not parse as Talos config yet still has its mapping.
    opened(client, root + "/typing.yaml", "machine:\n  type: worker\n  kub\n")
    #expect(labels(client, root + "/typing.yaml", line: 2, character: 5).contains("kubelet"))
  }

  @Test func completionOffersTheValuesAKeyTakes() throws {
    let (client, root) = try session()
    opened(client, root + "/node.yaml", "machine:\n  type: \n")
    let values = labels(client, root + "/node.yaml", line: 1, character: 8)
    #expect(values.contains("controlplane") && values.contains("worker"), "\(values)")
    opened(client, root + "/rules.yaml", "apiVersion: v1alpha1\nkind: NetworkRuleConfig\nname: x\ningress:\n  - subnet: 10.0.0.0/8\n    \n")
    #expect(labels(client, root + "/rules.yaml", line: 5, character: 4).contains("except"))
  }

  /// Hover on a secret's line shows the finding and Talos's description, never the value.
  @Test func hoverOnASecretNeverShowsItsValue() throws {
    let (client, root) = try session()
    opened(client, root + "/node.yaml", "machine:\n  type: worker\n  token: hoverTokenValue42x\n")
    let text = try #require(hover(client, root + "/node.yaml", line: 2, character: 4))
    #expect(text.contains("**token**"), "\(text)")
    #expect(!text.contains("hoverTokenValue42x"), "\(text)")
    let values = labels(client, root + "/node.yaml", line: 2, character: 12)
    #expect(!values.contains { $0.contains("hoverTokenValue42x") })
  }

  @Test func noHelpInFilesThatAreNotTalosConfig() throws {
    let (client, root) = try session()
    let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  \n"
    opened(client, root + "/deploy.yaml", deployment)
    #expect(labels(client, root + "/deploy.yaml", line: 5, character: 2).isEmpty)
    #expect(hover(client, root + "/deploy.yaml", line: 4, character: 1) == nil)
  }
}
