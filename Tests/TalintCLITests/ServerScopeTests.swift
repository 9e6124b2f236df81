import Foundation
import TalintTestSupport
import Testing

/// The language server judges Talos files only (issue 20): the buffer of a Helm values file
/// gets an empty diagnostics list, a Talos buffer in the same workspace its findings.
@Suite struct ServerScopeTests {
  @Test func aBufferThatIsNoTalosFileGetsNoDiagnostics() throws {
    let root = try ScratchTree.make(["repo/.git/HEAD": "ref: refs/heads/main\n"]) + "/repo"
    let client = try LSPClient(directory: root)
    _ = client.initialize(root: root)
    client.open(root + "/values.yaml", text: "debug: true\ndb:\n  url: postgres://app:Zm9vYmFyYmF6@db:5432/app\nimage: {tag: [1\n")
    let published = try #require(client.diagnostics(for: root + "/values.yaml"))
    #expect(((published["params"] as? [String: Any])?["diagnostics"] as? [Any])?.isEmpty == true, "\(published)")
    client.open(root + "/patch.yaml", text: "debug: true\nmachine:\n  type: worker\n")
    let talos = try #require(client.diagnostics(for: root + "/patch.yaml"))
    let codes = ((talos["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    #expect(codes == ["TAL704"], "\(talos)")
    _ = client.request("shutdown")
    client.notify("exit")
    #expect(client.exitStatus() == 0)
  }

  /// The editor shares the command line's workspace: a file `.talint.yaml` names with
  /// `include` is a Talos file in the editor too, and judged whatever it holds.
  @Test func aBufferTalintYAMLIncludesIsJudgedAsOnTheCommandLine() throws {
    let root = try ScratchTree.make([
      "repo/.git/HEAD": "ref: refs/heads/main\n",
      "repo/.talint.yaml": "include: [\"*.talos\"]\n",
    ]) + "/repo"
    let client = try LSPClient(directory: root)
    _ = client.initialize(root: root)
    client.open(root + "/node.talos", text: "debug: true\n")
    let published = try #require(client.diagnostics(for: root + "/node.talos"))
    let codes = ((published["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    #expect(codes == ["TAL704"], "\(published)")
    _ = client.request("shutdown")
    client.notify("exit")
    #expect(client.exitStatus() == 0)
  }
}
