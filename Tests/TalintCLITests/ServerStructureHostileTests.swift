import Foundation
import TalintTestSupport
import Testing

/// Hover and completion on buffers a hostile or broken editor can hold: each request answers
/// in well under a second, the server survives, and answers name only the document's own keys.
@Suite struct ServerStructureHostileTests {
  /// The bound on one answer: under a second from the release build (`TALINT_BINARY`, as
  /// `.ci/run` sets it); the debug build is tens of times slower on byte loops.
  static let limit: Double = Paths.measuredBinary.isRelease ? 1 : 30

  func session() throws -> (LSPClient, String) {
    let root = try ScratchTree.make(["repo/.git/HEAD": "ref: refs/heads/main\n"]) + "/repo"
    let client = try LSPClient(Paths.measuredBinary.path, directory: root)
    #expect(client.initialize(root: root)?["result"] != nil)
    return (client, root)
  }

  /// The hover text at a position, and how long the server took to answer.
  func hover(_ client: LSPClient, _ path: String, _ line: Int, _ character: Int) -> (text: String?, seconds: Double, answered: Bool) {
    let start = Date()
    let reply = client.request("textDocument/hover", ["textDocument": ["uri": LSPClient.uri(path)], "position": ["line": line, "character": character]], timeout: 60)
    let text = ((reply?["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String
    return (text, Date().timeIntervalSince(start), reply != nil)
  }

  func completion(_ client: LSPClient, _ path: String, _ line: Int, _ character: Int) -> (labels: [String], seconds: Double, answered: Bool) {
    let start = Date()
    let reply = client.request("textDocument/completion", ["textDocument": ["uri": LSPClient.uri(path)], "position": ["line": line, "character": character]], timeout: 60)
    let labels = (reply?["result"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
    return (labels, Date().timeIntervalSince(start), reply != nil)
  }

  /// One line of list items (`- - - … a:`) and, under it, a line indented past every dash:
  /// each dash is a list the cursor's mapping sits in.
  static let dashes: String = {
    let count = 200_000
    return "machine:\n" + String(repeating: "- ", count: count) + "a:\n" + String(repeating: " ", count: 2 * count + 2) + "b\n"
  }()

  static let buffers: [(name: String, text: String, positions: [(Int, Int)])] = [
    ("dashes", dashes, [(2, 400_003), (2, 10)]),
    ("one 10 MB line", "machine:\n  install:\n    disk: " + String(repeating: "x", count: 10_000_000) + "\n", [(2, 8), (2, 5_000_000), (2, 10_000_100)]),
    (
      "deep indentation", "machine:\n" + (1..<4000).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined() + String(repeating: "\n", count: 96_000),
      [(3999, 3999), (50_000, 3)]
    ),
    ("NUL bytes", "machine:\n  \u{0}install:\u{0}\n    di\u{0}sk: \u{0}\n", [(1, 3), (2, 5), (2, 9)]),
    ("CRLF", "machine:\r\n  install:\r\n    disk: /dev/sda\r\n", [(2, 5), (2, 10), (1, 40)]),
    ("thousands of ---", String(repeating: "---\nmachine:\n  type: \n", count: 20_000), [(59_998, 8), (30_001, 3)]),
    ("positions past the end and negative", "machine:\n  type: worker\n", [(1, 1_000_000), (1_000_000, 0), (-5, -5), (0, -1)]),
    ("multi-byte characters", "machine:\n  ins😀tall:\n    dïsk: ✓\n", [(1, 5), (1, 6), (2, 6), (2, 12)]),
  ]

  @Test(arguments: 0..<buffers.count)
  func hostileBuffersAnswerWellUnderASecond(_ index: Int) throws {
    let buffer = Self.buffers[index]
    let (client, root) = try session()
    let path = root + "/patch.yaml"
    client.open(path, text: buffer.text)
    _ = client.diagnostics(for: path, timeout: 60)
    for (line, character) in buffer.positions {
      let hover = hover(client, path, line, character)
      let completion = completion(client, path, line, character)
      #expect(hover.answered && completion.answered, "\(buffer.name) at \(line):\(character)")
      #expect(hover.seconds < Self.limit && completion.seconds < Self.limit, "\(buffer.name) at \(line):\(character): hover \(hover.seconds) s, completion \(completion.seconds) s")
    }
  }

  /// libyaml, and so the editor's line numbers, end a line at a lone CR too: the key under the
  /// cursor is the one on that line.
  @Test func crOnlyLineEndsHoverTheKeyOnTheCursorsLine() throws {
    let (client, root) = try session()
    let path = root + "/patch.yaml"
    client.open(path, text: "machine:\r  install:\r    disk: /dev/sda\r  kubelet:\r    \r")
    _ = client.diagnostics(for: path)
    let text = try #require(hover(client, path, 2, 5).text)
    #expect(text.contains("**disk**"), "\(text)")
    let keys = completion(client, path, 4, 4).labels
    #expect(keys.contains("extraArgs") && !keys.contains("disk"), "\(keys)")
  }

  /// A lone surrogate and a buffer that is not UTF-8 once decoded reach the server as JSON
  /// escapes; it answers and keeps serving.
  @Test func invalidUnicodeInTheBufferIsAnswered() throws {
    let (client, root) = try session()
    let uri = LSPClient.uri(root + "/patch.yaml")
    let text = "machine:\\n  \\ud800install:\\n    \\udfffdisk: \\ud83d\\n"
    let json =
      "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"\(uri)\",\"languageId\":\"yaml\",\"version\":1,\"text\":\"\(text)\"}}}"
    client.sendRaw(Array("Content-Length: \(json.utf8.count)\r\n\r\n\(json)".utf8))
    _ = client.diagnostics(for: root + "/patch.yaml")
    for (line, character) in [(1, 3), (2, 6), (2, 12)] {
      #expect(hover(client, root + "/patch.yaml", line, character).answered)
      #expect(completion(client, root + "/patch.yaml", line, character).answered)
    }
  }
}
