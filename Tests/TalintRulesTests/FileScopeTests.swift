import Foundation
import TalintCore
import TalintRules
import Testing

/// Only Talos files are judged (issue 20): every other file gets no finding from any rule, a
/// mixed file is judged on its Talos documents, and `yaml: all` adds the YAML checks (only
/// those) for every YAML file.
@Suite struct FileScopeTests {
  func ids(_ text: String, path: String = "file.yaml", settings: LintSettings = LintSettings()) -> [String] {
    Linter(rules: AllRules.rules, settings: settings).lint(bytes: Array(text.utf8), path: path).diagnostics.filter { $0.suppression == nil }.map(\.ruleID)
  }

  static let others = [
    // cloud-init: `debug: true` (TAL704 on a Talos file).
    "#cloud-config\ndebug: true\nhostname: bastion\n",
    // Helm values: a password in a URL (TAL602), `debug: true`.
    "debug: true\nstorage:\n  postgres:\n    address: postgres://app:Zm9vYmFyYmF6@db:5432/app\n",
    // Ansible tasks: a duplicate key (TAL002).
    "- name: install\n  apt: {name: curl}\n  when: a\n  when: b\n",
    // A suppression comment that names no rule (TAL005) in someone else's file.
    "image: nginx # talint: ignore[TAL999]\n",
    // docker-compose with a password in a URL.
    "services:\n  grafana:\n    environment:\n      GF_DATABASE_URL: mysql://grafana:Zm9vYmFy@mysql:3306/grafana\n",
  ]

  @Test(arguments: others)
  func otherFilesGetNoFinding(text: String) {
    #expect(ids(text).isEmpty)
  }

  @Test func aMixedFileIsJudgedOnItsTalosDocuments() {
    let text = """
      apiVersion: v1alpha1
      kind: NetworkDefaultActionConfig
      ingress: accept
      ---
      apiVersion: v1
      kind: Secret
      stringData:
        url: https://admin:Zm9vYmFyYmF6@dashboard.example.com
        debug: "true"
        a: 1
        a: 2

      """
    #expect(ids(text) == ["TAL501"])
    // With `yaml: all`, the Kubernetes document's duplicate key is reported too (its secret is not).
    var all = LintSettings()
    all.yaml = .all
    #expect(ids(text, settings: all).sorted() == ["TAL002", "TAL501"])
  }

  @Test func yamlAllChecksSyntaxAndDuplicatesOfEveryYAMLFile() {
    var all = LintSettings()
    all.yaml = .all
    #expect(ids("- name: install\n  when: a\n  when: b\n", settings: all) == ["TAL002"])
    #expect(ids("image:\n  tag: [1\n", settings: all) == ["TAL001"])
    // Only the YAML rules: a cloud-init `debug: true` and a URL password stay silent.
    #expect(ids("#cloud-config\ndebug: true\nurl: https://a:Zm9vYmFyYmF6@b.example.com\n", settings: all).isEmpty)
    // Not a YAML file by its name (standard input unnamed, a systemd unit template).
    #expect(ids("a: [1\n", path: "<stdin>", settings: all).isEmpty)
    #expect(ids("a: [1\n", path: "k3s.service.j2", settings: all).isEmpty)
    // Suppression comments work in them.
    #expect(ids("- when: a\n  when: b # talint: ignore[TAL002] -- ansible merges them\n", settings: all).isEmpty)
  }

  /// A makejinja talconfig template: keys in exclusive branches are not duplicates.
  @Test func makejinjaBranchesAreNotDuplicates() {
    let text = "clusterName: #{ name }#\ntalosVersion: v1.13.0\n#% if vip %#\nendpoint: https://a:6443\n#% else %#\nendpoint: https://b:6443\n#% endif %#\nnodes: []\n"
    #expect(ids(text, path: "talconfig.yaml.j2").isEmpty)
    // Without the branches, the key is a duplicate.
    #expect(ids(text.replacingOccurrences(of: "#% else %#\n", with: ""), path: "talconfig.yaml.j2") == ["TAL002"])
  }

  /// makejinja.toml in the template's folder or above (inside the repository) sets the
  /// delimiters; without it, `#% %#` and `#{ }#` are assumed.
  @Test func makejinjaTOMLSetsTheDelimiters() throws {
    let root = NSTemporaryDirectory() + "talint-makejinja-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(atPath: root + "/.git", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: root + "/templates/talos", withIntermediateDirectories: true)
    try "[makejinja]\ninputs = [\"templates\"]\n\n[makejinja.delimiter]\nblock_start = \"<%\"\nblock_end = \"%>\"\nvariable_start = '<<'\nvariable_end = '>>'\n"
      .write(toFile: root + "/makejinja.toml", atomically: true, encoding: .utf8)
    let path = root + "/templates/talos/talconfig.yaml.j2"
    let text = "clusterName: << name >>\ntalosVersion: v1.13.0\n<% if vip %>\nendpoint: https://a:6443\n<% else %>\nendpoint: https://b:6443\n<% endif %>\nnodes: []\n"
    var linter = Linter(rules: AllRules.rules)
    linter.root = ProjectRoot(linted: [root])
    #expect(linter.lint(bytes: Array(text.utf8), path: path).diagnostics.isEmpty)
    // The same text where no makejinja.toml says so is not YAML once masked (`<< name >>`).
    #expect(Linter(rules: AllRules.rules).lint(bytes: Array(text.utf8), path: "elsewhere/talconfig.yaml.j2").diagnostics.map(\.ruleID) == ["TAL007"])
  }
}
