@testable import TalintCore
import Foundation
import TalintTestSupport
import TalintYAML
import Testing

/// talhelper's environment: the variables of `talenv.yaml` beside a talconfig fill `${VAR}` as
/// its `envsubst` does; what is encrypted or unset stays unknown, never guessed.
@Suite struct TalhelperEnvironmentTests {
  func environment(_ talenv: String, name: String = "talenv.yaml") throws -> TalhelperEnvironment {
    let folder = NSTemporaryDirectory() + "talint-env-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try talenv.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    try "clusterName: x\n".write(toFile: folder + "/talconfig.yaml", atomically: true, encoding: .utf8)
    return TalhelperEnvironment(besideTalconfig: folder + "/talconfig.yaml", root: ProjectRoot(linted: [folder]))
  }

  @Test func substitutesAsEnvsubstDoes() throws {
    let env = try environment("talosVersion: v1.11.2\nempty: \"\"\nname: lab\n")
    #expect(env.substitute("${talosVersion}") == "v1.11.2")
    #expect(env.substitute("$name-1") == "lab-1")
    #expect(env.substitute("a$$b") == "a$b")
    #expect(env.substitute("${missing:-v1.9.0}") == "v1.9.0")
    #expect(env.substitute("${missing-v1.9.0}") == "v1.9.0")
    #expect(env.substitute("${empty:-fallback}") == "fallback")
    #expect(env.substitute("${empty-fallback}") == "")
    #expect(env.substitute("${name:=other}") == "lab")
    #expect(env.substitute("plain") == "plain")
  }

  /// A patch as talhelper substitutes it: known variables filled in, `$$` read as `$`, values
  /// under secret keys left as written (talint could print a value it filled in).
  @Test func patchesAreSubstitutedExceptUnderSecretKeys() throws {
    let env = try environment("PORT: \"10255\"\nTOKEN: abc123\n")
    let patch = "machine:\n  token: ${TOKEN}\n  kubelet:\n    extraArgs:\n      read-only-port: ${PORT}\n      other: ${UNSET}\n  $$patch: x\n"
    let document = try #require(YAMLParser.parse(Array(patch.utf8)).documents.first).substituting(env)
    let root = try #require(document.root)
    let machine = try #require(document.value(forKey: "machine", in: root))
    #expect(document.value(at: ["kubelet", "extraArgs", "read-only-port"], from: machine).flatMap(document.scalar) == "10255")
    #expect(document.value(at: ["kubelet", "extraArgs", "other"], from: machine).flatMap(document.scalar) == "${UNSET}")
    #expect(document.value(forKey: "token", in: machine).flatMap(document.scalar) == "${TOKEN}")
    #expect(document.value(forKey: "$patch", in: machine) != nil)
  }

  @Test func unsetAndEncryptedValuesStayUnknown() throws {
    let env = try environment("secret: ENC[AES256_GCM,data:abc,type:str]\nsops:\n  version: 3.9.0\n", name: "talenv.sops.yaml")
    #expect(env.substitute("${missing}") == nil)
    #expect(env.substitute("${secret}") == nil)
    #expect(env.substitute("${secret:-default}") == nil)
    #expect(env.substitute("${sops}") == nil)
  }
}

/// TAL010's examples hold: a patch under a key talhelper 2.0 dropped is reported at its key.
@Suite struct TalhelperKeyIgnoredTests {
  @Test func examplesHold() {
    for sample in InputProblems.talhelperKeyIgnored.examples {
      let found = Linter(rules: []).lint(bytes: Array(sample.yaml.utf8), path: "talconfig.yaml").diagnostics.filter { $0.ruleID == "TAL010" }
      #expect(found.isEmpty == (sample.verdict == .passing), "\(sample.verdict): \(found.map(\.message))")
      if sample.verdict == .triggering { #expect(found.first?.range.start.line == 5) }
    }
  }
}
