import Foundation
import TalintTestSupport
import Testing

/// `talint server` driven as an editor drives it: diagnostics on open and on change (in UTF-16
/// columns), the rule on hover, fixes and suppressions as code actions, settings and
/// `.talint.yaml` changes, and the messages a server must survive.
@Suite struct ServerTests {
  static let weakened = "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n"

  func session(_ files: [String: String] = [:]) throws -> (LSPClient, String) {
    let root = try ScratchTree.make(files.merging(["repo/.git/HEAD": "ref: refs/heads/main\n"]) { $1 }) + "/repo"
    let client = try LSPClient(directory: root)
    let reply = client.initialize(root: root)
    let capabilities = (reply?["result"] as? [String: Any])?["capabilities"] as? [String: Any]
    #expect(capabilities?["hoverProvider"] as? Bool == true, "\(String(describing: reply))")
    return (client, root)
  }

  static func items(_ published: [String: Any]?) -> [[String: Any]] {
    (published?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
  }

  static func start(_ diagnostic: [String: Any]) -> (Int, Int) {
    let start = (diagnostic["range"] as? [String: Any])?["start"] as? [String: Any]
    return (start?["line"] as? Int ?? -1, start?["character"] as? Int ?? -1)
  }

  @Test func diagnosticsOnOpenCarryCodeDocsAndUTF16Columns() throws {
    let (client, root) = try session()
    // `é` is one UTF-16 unit and `😀` two, one Unicode scalar each: LSP columns count units.
    client.open(root + "/node.yaml", text: "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\" # é😀\n  install:\n    extraKernelArgs: [\"é😀\", -pti]\n")
    let items = Self.items(client.diagnostics(for: root + "/node.yaml"))
    let kptr = try #require(items.first { $0["code"] as? String == "TAL201" })
    #expect(Self.start(kptr) == (2, 26))
    #expect(kptr["source"] as? String == "talint")
    #expect(kptr["severity"] as? Int == 2)
    #expect(((kptr["codeDescription"] as? [String: Any])?["href"] as? String)?.hasSuffix("#tal201") == true)
    let pti = try #require(items.first { $0["code"] as? String == "TAL101" })
    // 28 characters before `-pti`, 29 UTF-16 units (the emoji is two).
    #expect(Self.start(pti) == (4, 29), "\(pti)")
    #expect(pti["severity"] as? Int == 1)
    _ = client.request("shutdown")
    client.notify("exit")
    #expect(client.exitStatus() == 0)
  }

  @Test func duplicateKeysRelateTheFirstOccurrence() throws {
    let (client, root) = try session()
    client.open(root + "/dup.yaml", text: "machine:\n  type: worker\n  type: controlplane\n")
    let items = Self.items(client.diagnostics(for: root + "/dup.yaml"))
    let duplicate = try #require(items.first { $0["code"] as? String == "TAL002" })
    let related = duplicate["relatedInformation"] as? [[String: Any]] ?? []
    #expect(related.count == 1)
    let location = related.first?["location"] as? [String: Any]
    #expect(((location?["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int == 1)
  }

  @Test func hoverExplainsTheRule() throws {
    let (client, root) = try session()
    client.open(root + "/node.yaml", text: Self.weakened)
    _ = client.diagnostics(for: root + "/node.yaml")
    let reply = client.request("textDocument/hover", ["textDocument": ["uri": LSPClient.uri(root + "/node.yaml")], "position": ["line": 2, "character": 28]])
    let contents = ((reply?["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String ?? ""
    #expect(contents.contains("TAL201 kspp-sysctl-weakened"), "\(String(describing: reply))")
    #expect(contents.contains("**Fix:**"))
    // The empty last line: no finding, no key.
    let nothing = client.request("textDocument/hover", ["textDocument": ["uri": LSPClient.uri(root + "/node.yaml")], "position": ["line": 3, "character": 0]])
    #expect(nothing?["result"] is NSNull)
  }

  @Test func codeActionsFixOrSuppress() throws {
    let (client, root) = try session()
    client.open(root + "/node.yaml", text: Self.weakened)
    _ = client.diagnostics(for: root + "/node.yaml")
    let reply = client.request(
      "textDocument/codeAction",
      ["textDocument": ["uri": LSPClient.uri(root + "/node.yaml")], "range": ["start": ["line": 2, "character": 0], "end": ["line": 2, "character": 0]],
       "context": ["diagnostics": [Any]()]])
    let actions = reply?["result"] as? [[String: Any]] ?? []
    #expect(actions.map { $0["title"] as? String ?? "" } == [
      "Remove the kernel.kptr_restrict override", "Suppress TAL201 on this line", "Suppress TAL201 in this file",
    ])
    func edits(_ action: [String: Any]) -> [[String: Any]] {
      ((action["edit"] as? [String: Any])?["changes"] as? [String: Any])?[LSPClient.uri(root + "/node.yaml")] as? [[String: Any]] ?? []
    }
    // The only sysctl goes: the mapping is left empty, as Talos reads an absent one.
    #expect(edits(actions[0]).first?["newText"] as? String == "    {}\n")
    #expect(actions[0]["isPreferred"] as? Bool == true)
    #expect(edits(actions[1]).first?["newText"] as? String == " # talint: ignore[TAL201] -- <reason>")
    #expect(edits(actions[2]).first?["newText"] as? String == "# talint: ignore-file[TAL201] -- <reason>\n")
    // A line that already ends in a comment gets the suppression on its own line above; a `#`
    // inside a quoted value is not a comment.
    let commented = root + "/commented.yaml"
    client.open(commented, text: "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\" # for bpftrace\n    kernel.dmesg_restrict: \"0 #x\"\n")
    _ = client.diagnostics(for: commented)
    func firstSuppression(line: Int) -> String? {
      let reply = client.request(
        "textDocument/codeAction",
        ["textDocument": ["uri": LSPClient.uri(commented)], "range": ["start": ["line": line, "character": 0], "end": ["line": line, "character": 0]],
         "context": ["diagnostics": [Any]()]])
      let actions = reply?["result"] as? [[String: Any]] ?? []
      let suppress = actions.first { ($0["title"] as? String)?.hasSuffix("on this line") == true }
      return ((suppress?["edit"] as? [String: Any])?["changes"] as? [String: Any]).flatMap { ($0[LSPClient.uri(commented)] as? [[String: Any]])?.first?["newText"] as? String }
    }
    #expect(firstSuppression(line: 2) == "    # talint: ignore[TAL201] -- <reason>\n")
    #expect(firstSuppression(line: 3) == " # talint: ignore[TAL203] -- <reason>")
  }

  /// A finding only a machine makes (the patch, judged alone under the project's Talos 1.13,
  /// may set `tls-min-version`; the machine runs 1.14, which denies it) offers its fix: the
  /// machine's check builds it on the patch's text.
  @Test func aMachineOnlyFindingOffersItsFix() throws {
    let (client, root) = try session([
      "repo/.talint.yaml": "talos-version: \"1.13\"\nmachines:\n  cp: {type: controlplane, talos-version: \"1.14\", patches: [api.yaml]}\n"
    ])
    let path = root + "/api.yaml"
    let text = "cluster:\n  apiServer:\n    extraArgs:\n      tls-min-version: VersionTLS13\n      audit-log-maxage: \"30\"\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    client.open(path, text: text)
    #expect(Self.items(client.diagnostics(for: path)).contains { ($0["code"] as? String) == "TAL312" })
    let reply = client.request(
      "textDocument/codeAction",
      ["textDocument": ["uri": LSPClient.uri(path)], "range": ["start": ["line": 3, "character": 6], "end": ["line": 3, "character": 6]],
       "context": ["diagnostics": [Any]()]])
    let actions = reply?["result"] as? [[String: Any]] ?? []
    let fix = try #require(actions.first { $0["title"] as? String == "Remove 'tls-min-version'" }, "\(actions.map { $0["title"] ?? "" })")
    let edits = ((fix["edit"] as? [String: Any])?["changes"] as? [String: Any])?[LSPClient.uri(path)] as? [[String: Any]] ?? []
    #expect(edits.count == 1 && edits.first?["newText"] as? String == "")
    let range = edits.first?["range"] as? [String: Any]
    #expect((range?["start"] as? [String: Any])?["line"] as? Int == 3 && (range?["end"] as? [String: Any])?["line"] as? Int == 4, "\(edits)")
  }

  @Test func changesAreLintedAndStaleResultsAreNotPublished() throws {
    let (client, root) = try session()
    let path = root + "/node.yaml"
    client.open(path, text: Self.weakened)
    #expect(Self.items(client.diagnostics(for: path)).count == 1)
    // A burst of edits: only the last version is published.
    for version in 2...30 {
      let value = version == 30 ? "2" : "\(version % 2)"
      client.notify(
        "textDocument/didChange",
        ["textDocument": ["uri": LSPClient.uri(path), "version": version],
         "contentChanges": [["range": ["start": ["line": 2, "character": 27], "end": ["line": 2, "character": 28]], "text": value]]])
    }
    let published = client.diagnostics(for: path)
    #expect((published?["params"] as? [String: Any])?["version"] as? Int == 30)
    #expect(Self.items(published).isEmpty)
    #expect(client.diagnostics(for: path, timeout: 1) == nil)
    // A full-text change.
    client.notify("textDocument/didChange", ["textDocument": ["uri": LSPClient.uri(path), "version": 31], "contentChanges": [["text": Self.weakened]]])
    #expect(Self.items(client.diagnostics(for: path)).count == 1)
    client.notify("textDocument/didClose", ["textDocument": ["uri": LSPClient.uri(path)]])
    #expect(Self.items(client.diagnostics(for: path)).isEmpty)
  }

  @Test func projectConfigurationAndEditorSettingsApply() throws {
    let (client, root) = try session(["repo/.talint.yaml": "ignore: [TAL201]\n"])
    let path = root + "/node.yaml"
    client.open(path, text: Self.weakened + "    net.ipv4.conf.all.accept_redirects: \"1\"\n")
    #expect(Self.items(client.diagnostics(for: path)).map { $0["code"] as? String } == ["TAL202"])
    try "severity: {TAL202: error}\n".write(toFile: root + "/.talint.yaml", atomically: true, encoding: .utf8)
    client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": LSPClient.uri(root + "/.talint.yaml"), "type": 2]]])
    let reloaded = Self.items(client.diagnostics(for: path))
    #expect(reloaded.map { $0["code"] as? String } == ["TAL201", "TAL202"])
    #expect(reloaded.last?["severity"] as? Int == 1)
    client.notify("workspace/didChangeConfiguration", ["settings": ["talint": ["ignore": ["TAL202"]]]])
    #expect(Self.items(client.diagnostics(for: path)).map { $0["code"] as? String } == ["TAL201"])
  }

  @Test func badMessagesGetErrorsAndTheServerGoesOn() throws {
    let (client, root) = try session()
    client.sendRaw(Array("Content-Length: 9\r\n\r\n{not json".utf8))
    let parseError = client.wait { (($0["error"] as? [String: Any])?["code"] as? Int) == -32700 }
    #expect(parseError != nil)
    client.sendRaw(Array("X-Nothing: 1\r\n\r\n".utf8))
    #expect(client.wait { (($0["error"] as? [String: Any])?["code"] as? Int) == -32700 } != nil)
    let unknown = client.request("talint/nothing")
    #expect((unknown?["error"] as? [String: Any])?["code"] as? Int == -32601)
    client.notify("talint/unknownNotification")
    client.send(["id": 99, "params": [String: Any]()])
    #expect(client.wait { ($0["id"] as? Int) == 99 && $0["error"] != nil } != nil)
    // A binary document and a huge one: a diagnostic, not a crash.
    client.open(root + "/binary.yaml", text: String(decoding: Array("machine:\n  sysctls: ".utf8) + [0x00, 0x01, 0xFF, 0x7F, 0x0A] + Array("[".utf8), as: UTF8.self))
    #expect(Self.items(client.diagnostics(for: root + "/binary.yaml")).contains { ["TAL001", "TAL003"].contains($0["code"] as? String) })
    client.open(root + "/huge.yaml", text: "machine:\n  sysctls:\n" + (0..<200_000).map { "    k\($0): \"1\"\n" }.joined() + "    kernel.kptr_restrict: \"0\"\n")
    #expect(Self.items(client.diagnostics(for: root + "/huge.yaml", timeout: 60)).count == 1)
    // Still serving.
    client.open(root + "/node.yaml", text: Self.weakened)
    #expect(Self.items(client.diagnostics(for: root + "/node.yaml")).count == 1)
    client.notify("exit")
    #expect(client.exitStatus() == 1, "exit without shutdown is status 1")
  }

  @Test func requestsBeforeInitializeAndAfterShutdownAreRefused() throws {
    let client = try LSPClient()
    let early = client.request("textDocument/hover", ["textDocument": ["uri": "file:///x.yaml"], "position": ["line": 0, "character": 0]])
    #expect((early?["error"] as? [String: Any])?["code"] as? Int == -32002)
    _ = client.initialize(root: "/")
    _ = client.request("shutdown")
    let late = client.request("textDocument/hover", ["textDocument": ["uri": "file:///x.yaml"], "position": ["line": 0, "character": 0]])
    #expect((late?["error"] as? [String: Any])?["code"] as? Int == -32600)
    client.notify("exit")
    #expect(client.exitStatus() == 0)
  }

  @Test func secretsAreNotSentAndNothingIsWritten() throws {
    let (client, root) = try session(["repo/node.yaml": "on disk\n"])
    let secret = "z01mye6j16bspJYtTB/5SFX8j7Ahe/mWx0lA8F2/pQE="
    client.open(root + "/node.yaml", text: "cluster:\n  secretboxEncryptionSecret: \(secret)\n")
    let published = client.diagnostics(for: root + "/node.yaml")
    #expect(Self.items(published).contains { $0["code"] as? String == "TAL602" })
    let all = try JSONSerialization.data(withJSONObject: published ?? [:])
    #expect(!String(decoding: all, as: UTF8.self).contains(secret))
    #expect(try String(contentsOfFile: root + "/node.yaml", encoding: .utf8) == "on disk\n")
  }
}
