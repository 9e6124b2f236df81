import Foundation
import TalintTestSupport
import Testing

/// Numbers and frames a client can send that the language server must survive: lines,
/// characters and versions at the ends of a 64-bit integer, header lines that never end.
@Suite struct ServerHostileTests {
  static let weakened = "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n"
  static let largest = "9223372036854775807"
  static let smallest = "-9223372036854775808"

  func session(_ binary: String = Paths.binary) throws -> (LSPClient, String) {
    let root = try ScratchTree.make(["repo/.git/HEAD": "ref: refs/heads/main\n"]) + "/repo"
    let client = try LSPClient(binary, directory: root)
    #expect(client.initialize(root: root)?["result"] != nil)
    return (client, root)
  }

  /// A session with `node.yaml` open and linted: the client, the root and the file's URI.
  func sessionWithOpenNode() throws -> (LSPClient, String, String) {
    let (client, root) = try session()
    client.open(root + "/node.yaml", text: Self.weakened)
    _ = client.diagnostics(for: root + "/node.yaml")
    return (client, root, LSPClient.uri(root + "/node.yaml"))
  }

  /// Sends a message written as JSON text, so numbers go out exactly as spelled.
  func sendText(_ client: LSPClient, _ json: String) {
    client.sendRaw(Array("Content-Length: \(json.utf8.count)\r\n\r\n\(json)".utf8))
  }

  func version(_ published: [String: Any]?) -> Int? {
    (published?["params"] as? [String: Any])?["version"] as? Int
  }

  /// The server still answers, and lints a document: it survived what came before.
  func expectServing(_ client: LSPClient, _ root: String) {
    #expect(client.request("textDocument/hover", ["textDocument": ["uri": "file:///none.yaml"], "position": ["line": 0, "character": 0]])?["result"] != nil)
    client.open(root + "/after.yaml", text: Self.weakened)
    #expect(ServerTests.items(client.diagnostics(for: root + "/after.yaml")).count == 1)
    client.notify("exit")
    #expect(client.exitStatus() == 1)
  }

  /// Lines and characters at the ends of a 64-bit integer and beyond, as JSON positions.
  static let positions: [String] = [
    (largest, largest), (smallest, smallest), (largest, "0"), ("0", largest), ("1e300", "-1e300"), ("18446744073709551616", "0"),
  ].map { "{\"line\":\($0),\"character\":\($1)}" }

  @Test func hoverAtHostilePositions() throws {
    let (client, root, uri) = try sessionWithOpenNode()
    for (index, position) in Self.positions.enumerated() {
      sendText(client, "{\"jsonrpc\":\"2.0\",\"id\":\(1000 + index),\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"\(uri)\"},\"position\":\(position)}}")
      #expect(client.wait { ($0["id"] as? Int) == 1000 + index } != nil, "\(position)")
    }
    expectServing(client, root)
  }

  @Test func codeActionsForHostileRanges() throws {
    let (client, root, uri) = try sessionWithOpenNode()
    for (index, (start, end)) in zip(Self.positions, Self.positions.reversed()).enumerated() {
      let range = "{\"start\":\(start),\"end\":\(end)}"
      sendText(client, "{\"jsonrpc\":\"2.0\",\"id\":\(2000 + index),\"method\":\"textDocument/codeAction\",\"params\":{\"textDocument\":{\"uri\":\"\(uri)\"},\"range\":\(range),\"context\":{\"diagnostics\":[]}}}")
      #expect(client.wait { ($0["id"] as? Int) == 2000 + index } != nil, "\(range)")
    }
    expectServing(client, root)
  }

  @Test func changesAtHostileRanges() throws {
    let (client, root, uri) = try sessionWithOpenNode()
    for (index, position) in Self.positions.enumerated() {
      let range = "{\"start\":\(position),\"end\":\(position)}"
      sendText(client, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"\(uri)\",\"version\":\(10 + index)},\"contentChanges\":[{\"range\":\(range),\"text\":\"# x\\n\"}]}}")
    }
    #expect(version(client.diagnostics(for: root + "/node.yaml")) == 10 + Self.positions.count - 1)
    expectServing(client, root)
  }

  @Test func hostileVersionsAreClamped() throws {
    let (client, root) = try session()
    let uri = LSPClient.uri(root + "/node.yaml")
    let text = Self.weakened.replacing("\n", with: "\\n").replacing("\"", with: "\\\"")
    sendText(client, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"\(uri)\",\"languageId\":\"yaml\",\"version\":\(Self.largest),\"text\":\"\(text)\"}}}")
    // LSP versions are 32-bit integers.
    #expect(version(client.diagnostics(for: root + "/node.yaml")) == Int(Int32.max))
    // A change without a version counts on from the last one, and stays within that range.
    client.notify("textDocument/didChange", ["textDocument": ["uri": uri], "contentChanges": [["text": Self.weakened + "# more\n"]]])
    #expect(version(client.diagnostics(for: root + "/node.yaml")) == Int(Int32.max))
    sendText(client, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"\(uri)\",\"version\":\(Self.smallest)},\"contentChanges\":[{\"text\":\"a: 1\\n\"}]}}")
    #expect(version(client.diagnostics(for: root + "/node.yaml")) == Int(Int32.min))
    expectServing(client, root)
  }

  @Test func aLongHeaderLineIsAnsweredAndSkipped() throws {
    let (client, root) = try session()
    client.sendRaw(Array(("X-Long: " + String(repeating: "A", count: 16 << 10) + "\r\n").utf8))
    #expect(client.wait { (($0["error"] as? [String: Any])?["code"] as? Int) == -32700 } != nil)
    expectServing(client, root)
  }

  /// A header line of 64 MB without a line break is read once, not again at every read.
  @Test func aHeaderLineWithoutEndIsReadInLinearTime() throws {
    let (binary, isRelease) = Paths.measuredBinary
    let (client, root) = try session(binary)
    let limit: Double = isRelease ? 5 : 15
    let started = Date()
    // Sent from a thread of its own, so that a server too slow to take it fails the test in
    // time instead of blocking it.
    let sent = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      client.sendRaw([UInt8](repeating: UInt8(ascii: "A"), count: 64 << 20) + Array("\r\n".utf8))
      sent.signal()
    }
    #expect(client.wait(timeout: limit) { (($0["error"] as? [String: Any])?["code"] as? Int) == -32700 } != nil)
    #expect(Date().timeIntervalSince(started) < limit)
    try #require(sent.wait(timeout: .now() + limit) == .success)
    expectServing(client, root)
  }
}
