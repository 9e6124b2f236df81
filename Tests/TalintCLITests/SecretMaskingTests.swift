import Foundation
import Synchronization
import TalintCore
import TalintTestSupport
import Testing

/// Issue 19: a pull request from a stranger must not make talint print a secret, nor a hash
/// from which a short secret is recovered, nor a line or terminal escape of the stranger's
/// making. The planted secrets are four lowercase letters and digits, each with a letter
/// that is not a hex digit, so that no fingerprint can spell one by chance.
@Suite struct SecretMaskingTests {
  /// Planted secret → the file it is written in.
  static let planted: [String: String] = [
    "q7x2": "json6902-flow.yaml", "k9v4": "json6902-block.yaml", "w5j1": "cases.yaml", "h2p6": "cases.yaml",
    "t8n3": "cases.yaml", "r4c7": "cases.yaml", "y6b9": "log.yaml", "g3f5": "lone-cr.yaml", "p8s2": "broken.yaml",
    "m2d7": "base.yaml", "u5z4": "base.yaml", "j8k3": "talconfig.yaml",
  ]

  /// A tree where each secret is written where old talint showed it or hashed it.
  static let files: [String: String] = [
    // JSON6902 on one line: the TAL602 finding's hash ran to the end of the line.
    "t/json6902-flow.yaml": """
      - {op: add, path: /machine/token, value: q7x2}
      - {op: add, path: /machine/install/extraKernelArgs/-, value: mitigations=off}

      """,
    // Block form: the value is context of the kernel-argument fix's diff.
    "t/json6902-block.yaml": """
      - op: replace
        path: /cluster/secret
        value: k9v4
      - op: add
        path: /machine/install/extraKernelArgs
        value: [mitigations=off]

      """,
    // Secret-looking keys in other cases, on the line of a fixable finding.
    "t/cases.yaml": """
      machine:
        sysctls: {kernel.kptr_restrict: "0", APIKEY: w5j1, PassWord: h2p6, BasicAuth: t8n3, sshprivatekey: r4c7}

      """,
    // URL passwords: a 3-letter one in messages, a 4-letter one on the finding's line.
    "t/log.yaml": """
      machine:
        logging:
          destinations:
            - {endpoint: "tcp://u:y6b9@log.lan:514", format: json_lines}
        registries:
          mirrors:
            docker.io:
              endpoints: [http://u:zq7@mirror.lan]

      """,
    "t/lone-cr.yaml": "machine:\r  token: g3f5\r  install:\r    extraKernelArgs:\r      - mitigations=off\r",
    // Does not parse: the excerpt of TAL001 is this line.
    "t/broken.yaml": "machine: {install: {extraKernelArgs: [a]}, token: p8s2, x: [}\n",
    "r/base.yaml": """
      version: v1alpha1
      machine:
        type: worker
        token: m2d7
        env: {APIKEY: u5z4}
        install:
          extraKernelArgs: []

      """,
    // A JSON6902 copy puts the base's token under a key that does not look secret.
    "r/copy.yaml": "- {op: copy, from: /machine/token, path: /machine/nodeLabels/x}\n",
    "h/talconfig.yaml": """
      clusterName: c
      talosVersion: v1.10.0
      nodes:
        - hostname: cp1
          ipAddress: 10.0.0.1
          controlPlane: true
          patches:
            - |-
              - op: add
                path: /machine/token
                value: j8k3
              - {op: add, path: /machine/install/extraKernelArgs/-, value: mitigations=off}

      """,
  ]

  func talint(_ arguments: [String], in root: String, stdin: [UInt8]? = nil) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, arguments, stdin: stdin, directory: root)
  }

  /// Everything talint writes about the tree, in every format.
  func everyOutput(_ root: String) throws -> (text: String, json: String) {
    var all = ""
    var json = ""
    for format in OutputFormat.allCases.map(\.rawValue) {
      for folder in ["t", "h"] {
        let output = try talint(["lint", "--format", format, "--fail-on", "never", folder], in: root)
        #expect(!output.signaled, "\(format) crashed: \(output.stderr)")
        all += output.stdout + output.stderr
        if format == "json" { json += output.stdout }
      }
    }
    for folder in ["t", "h"] {
      let diff = try talint(["lint", "--diff", folder], in: root)
      if folder == "t" { #expect(diff.stdout.contains("+++ b/"), "\(diff.stdout)\(diff.stderr)") }
      all += diff.stdout + diff.stderr
      let baseline = try talint(["lint", "--write-baseline", "\(folder).json", folder], in: root)
      all += baseline.stdout + baseline.stderr + String(decoding: Paths.read(root + "/\(folder).json"), as: UTF8.self)
    }
    for arguments in [["--base", "r/base.yaml", "--patch", "r/copy.yaml"], ["--base", "r/base.yaml", "--patch", "t/json6902-block.yaml"], ["--machine", "cp1", "h"]] {
      let render = try talint(["render"] + arguments, in: root)
      #expect(render.stdout.contains("machine:"), "\(render.stderr)")
      all += render.stdout + render.stderr
    }
    return (all, json)
  }

  @Test func noOutputShowsAPlantedSecret() throws {
    let root = try ScratchTree.make(Self.files)
    let (all, _) = try everyOutput(root)
    let shown = Self.planted.keys.filter { all.contains($0) }
    #expect(shown.isEmpty, "shown: \(shown.sorted())")
    #expect(!all.contains("zq7"), "a 3-letter URL password is shown")
  }

  /// What an attacker does with a published report or baseline: for each finding, the line it
  /// points at is known but for the secret, so every candidate is hashed as talint hashes a
  /// finding (value hash, fingerprint, GitLab fingerprint) and looked up among every 16-digit
  /// hex word talint wrote. No candidate may match.
  @Test func noHashGivesAFourCharacterSecretAway() throws {
    let root = try ScratchTree.make(Self.files)
    let (all, json) = try everyOutput(root)
    let published = Set(all.matches(of: /\b[0-9a-f]{16}\b/).compactMap { UInt64($0.output, radix: 16) })
    #expect(published.count > 10, "too few hashes to prove anything")

    var templates: [HashTemplate] = []
    for document in json.components(separatedBy: "\n}\n") where document.contains("\"diagnostics\"") {
      let parsed = try JSONSerialization.jsonObject(with: Data((document + "\n}\n").utf8)) as? [String: Any]
      for finding in parsed?["diagnostics"] as? [[String: Any]] ?? [] {
        guard let file = finding["file"] as? String, let line = finding["startLine"] as? Int, let column = finding["startColumn"] as? Int,
          let rule = finding["ruleId"] as? String
        else { continue }
        let lines = Self.sourceLines(Self.files[file] ?? "")
        guard line >= 1 && line <= lines.count else { continue }
        let scalars = Array(lines[line - 1].unicodeScalars)
        let hashed = String(String.UnicodeScalarView(scalars.dropFirst(column - 1)))
        for secret in Self.planted.keys where hashed.contains(secret) {
          templates.append(HashTemplate(text: hashed, secret: secret, rule: rule, keyPath: finding["keyPath"] as? String ?? "", file: file))
        }
      }
    }
    // The flow JSON6902 line and the line of mixed-case keys are findings' lines.
    #expect(Set(templates.map(\.secret)).isSuperset(of: ["q7x2", "w5j1", "h2p6", "t8n3", "r4c7"]), "\(templates.map(\.secret))")

    // The search itself works: it finds a secret from the value hash of its unmasked text.
    if let first = templates.first {
      let unmasked = Guesses.fnv(first.before + Array(first.secret.utf8) + first.after)
      #expect(Guesses(published: [unmasked]).recover(first) == [first.secret])
    }
    let guesses = Guesses(published: published)
    var recovered: Set<String> = []
    for template in templates { recovered.formUnion(guesses.recover(template)) }
    #expect(recovered.isEmpty, "recovered from the hashes: \(recovered.sorted())")
  }

  /// Lines as libyaml counts them: LF, CRLF, lone CR, NEL, LS and PS each end one.
  static func sourceLines(_ text: String) -> [String] {
    var lines: [String] = []
    var current = String.UnicodeScalarView()
    var previousCR = false
    for scalar in text.unicodeScalars {
      if scalar == "\n" && previousCR {
        previousCR = false
        continue
      }
      previousCR = scalar == "\r"
      if ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) {
        lines.append(String(current))
        current = String.UnicodeScalarView()
      } else {
        current.append(scalar)
      }
    }
    lines.append(String(current))
    return lines
  }

  @Test func aJSON6902SecretInATalhelperPatchIsReported() throws {
    let root = try ScratchTree.make(Self.files)
    let output = try talint(["lint", "h"], in: root)
    #expect(output.stdout.contains("h/talconfig.yaml:10:"), "\(output.stdout)")
    #expect(output.stdout.contains("machine.token holds secret material in plain text"), "\(output.stdout)")
  }

  @Test func prettyMasksJSON6902ValuesAndKeysInAnyCase() throws {
    let root = try ScratchTree.make(Self.files)
    let output = try talint(["lint", "--format", "pretty", "t/json6902-flow.yaml", "t/cases.yaml", "t/broken.yaml"], in: root)
    #expect(output.stdout.contains("1 | - {op: add, path: /machine/token, value: ******"), "\(output.stdout)")
    #expect(output.stdout.contains("APIKEY: ******"))
    for secret in ["w5j1", "h2p6", "t8n3", "r4c7", "q7x2", "p8s2"] { #expect(!output.stdout.contains(secret), "\(secret)") }
    #expect(output.stdout.contains("error[TAL001]"))
  }

  @Test func shortURLPasswordsLeaveEveryMessage() throws {
    let text = """
      machine:
        logging:
          destinations: [{endpoint: "tcp://u:ab@log.lan:514", format: json_lines}]
        registries:
          mirrors:
            docker.io: {endpoints: ["http://u:x@mirror.lan"]}
      cluster:
        extraManifests: ["http://u:pw1@manifests.lan/a.yaml"]

      """
    let root = try ScratchTree.make(["node.yaml": text])
    let output = try talint(["lint", "--format", "json", "--fail-on", "never", "node.yaml"], in: root)
    let parsed = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
    let messages = (parsed?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
    for rule in ["TAL705", "TAL706", "TAL707"] {
      #expect(output.stdout.contains(rule), "\(rule) not reported")
    }
    for message in messages {
      #expect(!message.contains("u:ab@") && !message.contains("u:x@") && !message.contains("u:pw1@"), "\(message)")
    }
    #expect(messages.contains { $0.contains("u:******@") })
  }

  @Test func theLanguageServerScrubsShortURLPasswords() throws {
    let root = try ScratchTree.make(["repo/.git/HEAD": "ref: refs/heads/main\n"]) + "/repo"
    let client = try LSPClient(directory: root)
    _ = client.initialize(root: root)
    client.open(root + "/node.yaml", text: "machine:\n  registries:\n    mirrors:\n      docker.io:\n        endpoints: [http://u:zq7@m.lan]\n")
    let published = client.diagnostics(for: root + "/node.yaml")
    let all = String(decoding: try JSONSerialization.data(withJSONObject: published ?? [:]), as: UTF8.self)
    #expect(all.contains("TAL706"), "\(all)")
    #expect(!all.contains("zq7"), "\(all)")
  }

  /// Lines that LineIndex and libyaml split differently (NEL, LS) once crashed the masking and
  /// put the mask on the wrong line.
  @Test func unicodeLineBreaksKeepTheMaskOnTheSecret() throws {
    let text = "machine:\n  install:\u{2028}    extraKernelArgs:\u{85}      - mitigations=off\n  token: n4w8q\n"
    let root = try ScratchTree.make(["ls.yaml": text])
    for arguments in [["lint", "--format", "pretty", "ls.yaml"], ["lint", "--diff", "ls.yaml"]] {
      let output = try talint(arguments, in: root)
      #expect(!output.signaled, "\(arguments) crashed: \(output.stderr)")
      #expect(output.status == 1, "\(arguments): \(output.stderr)")
      #expect(!output.stdout.contains("n4w8q"), "\(output.stdout)")
    }
  }

  /// Keys that end up in a message (TAL002 names a duplicate key) or a file's name must not
  /// write lines or terminal escapes of their own.
  @Test(arguments: OutputFormat.allCases.map(\.rawValue))
  func controlCharactersInTheInputAreEscaped(format: String) throws {
    let text = """
      machine:
        nodeLabels:
          "a\\nb.yaml:1:1: error: forged [TAL999]": x
          "a\\nb.yaml:1:1: error: forged [TAL999]": y
          "\\e[2J\\x9b2J\\r": x
          "\\e[2J\\x9b2J\\r": y

      """
    let root = try ScratchTree.make(["n\u{1B}[31m.yaml": text])
    let output = try talint(["lint", "--format", format, "--fail-on", "never", "."], in: root)
    #expect(output.stdout.contains("TAL002"), "\(output.stdout)")
    // What a reader of the format gets: JSON decoded, XML's character references read.
    var shown: [String] = []
    if ["json", "sarif", "gitlab"].contains(format) {
      func strings(_ value: Any) -> [String] {
        if let text = value as? String { return [text] }
        if let list = value as? [Any] { return list.flatMap(strings) }
        if let object = value as? [String: Any] { return object.values.flatMap(strings) }
        return []
      }
      // File names are data there, kept exact for tools to find the file; messages are text.
      shown = strings(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))).filter { $0.contains("duplicate key") }
      #expect(!shown.isEmpty)
    } else {
      shown = [output.stdout.replacingOccurrences(of: "&#10;", with: "\n").replacingOccurrences(of: "&#13;", with: "\r")]
    }
    for text in shown {
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(!lines.contains { $0.hasPrefix("b.yaml") || ($0.contains("error: forged") && !$0.contains("a\\nb.yaml")) }, "\(text)")
      let controls = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
      #expect(controls.isEmpty, "\(format) prints \(controls.map { String($0.value, radix: 16) })")
    }
    if ["json", "sarif", "gitlab"].contains(format) {
      // Terminals take C1 controls (U+009B is CSI) from UTF-8 too: the encoder must escape them.
      #expect(!output.stdout.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) })
    }
  }

  @Test func secretLookingKeysInAnyCaseAndTheSwitchesThatAreNot() {
    for key in ["APIKEY", "PassWord", "BasicAuth", "sshprivatekey", "Registry-Auth", "GITHUB_TOKEN", "auth", "clusterSecret"] {
      #expect(SecretKeys.looksSecret(key), "\(key)")
    }
    // On/off switches whose value the rules report on and fixes edit, and public keys.
    for key in ["anonymous-auth", "client-cert-auth", "peer-client-cert-auth", "enable-bootstrap-token-auth", "publicKey", "PUBLIC_KEY", "authorization-mode"] {
      #expect(!SecretKeys.looksSecret(key), "\(key)")
    }
  }

  @Test func renderEscapesKeysAndFileNames() throws {
    let root = try ScratchTree.make([
      "base.yaml": "version: v1alpha1\nmachine:\n  type: worker\n  nodeLabels: {\"\\e[2J\\x9b\\n\": x, Auth: {user: b7q4}}\n",
      "p\u{1B}[1m.yaml": "machine:\n  nodeLabels: {k: v}\n",
    ])
    let output = try talint(["render", "--base", "base.yaml", "--patch", "p\u{1B}[1m.yaml"], in: root)
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stdout.contains("\"\\x1b[2J\\x9b\\n\": x"), "\(output.stdout)")
    #expect(output.stdout.contains("user: \"******\""), "\(output.stdout)")
    #expect(!output.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }, "\(output.stdout)")
  }

  /// Found by the carrier fuzzer: a secret a patch wrote, copied or moved by a later JSON6902
  /// patch to a key that does not look secret, was printed there by `render`.
  @Test(arguments: ["copy", "move"]) func renderMasksASecretCopiedOrMovedElsewhere(op: String) throws {
    let root = try ScratchTree.make([
      "base.yaml": "version: v1alpha1\nmachine:\n  type: worker\n",
      "secret.yaml": "machine:\n  token: k3v9\n",
      "away.yaml": "- {op: \(op), from: /machine/token, path: /machine/nodeLabels}\n",
    ])
    let output = try talint(["render", "--base", "base.yaml", "--patch", "secret.yaml", "--patch", "away.yaml"], in: root)
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stdout.contains("nodeLabels: \"******\""), "\(output.stdout)")
    #expect(!(output.stdout + output.stderr).contains("k3v9"), "\(output.stdout)")
  }

  /// Found by the carrier fuzzer: a talhelper inline patch that is not YAML (an undefined
  /// alias) showed its JSON6902 secret in the TAL001 excerpt, masked by nothing.
  @Test func anInlinePatchThatDoesNotParseKeepsItsSecretMasked() throws {
    let root = try ScratchTree.make([
      "talconfig.yaml": """
        clusterName: c
        talosVersion: v1.13.0
        patches: ["[{op: add, path: /cluster/secretboxEncryptionSecret, value: m4x8}, {op: add, path: /machine/files, value: [*a1]}]", "{machine: {token: b2k5}}"]
        nodes: [{hostname: n1, controlPlane: true}]

        """
    ])
    let output = try talint(["lint", "--format", "pretty", "--fail-on", "never", "."], in: root)
    #expect(output.stdout.contains("not valid YAML"), "\(output.stdout)")
    #expect(!(output.stdout + output.stderr).contains("m4x8"), "\(output.stdout)")
    #expect(!(output.stdout + output.stderr).contains("b2k5"), "\(output.stdout)")
  }

  @Test func theDiffEscapesWhatItCannotShow() throws {
    let root = try ScratchTree.make(["x\u{1B}[2J.yaml": "machine:\n  install:\n    extraKernelArgs: [mitigations=off]\n"])
    let output = try talint(["lint", "--diff", "."], in: root)
    #expect(output.stdout.contains("+++ b/"), "\(output.stdout)")
    #expect(!output.stdout.unicodeScalars.contains("\u{1B}") && !output.stderr.unicodeScalars.contains("\u{1B}"), "\(output.stdout)\(output.stderr)")
  }
}

/// A finding's hashed text with its secret cut out: what comes before and after it.
struct HashTemplate {
  var before: [UInt8]
  var after: [UInt8]
  var secret: String
  var rule: String
  var keyPath: String
  var file: String

  /// `text` runs from the finding's column to the end of its line; talint drops a trailing
  /// comment and blanks before hashing.
  init(text: String, secret: String, rule: String, keyPath: String, file: String) {
    var hashed = text
    if let comment = hashed.range(of: " #") { hashed = String(hashed[..<comment.lowerBound]) }
    hashed = hashed.trimmingCharacters(in: .whitespaces)
    let cut = hashed.range(of: secret)!
    before = Array(hashed[..<cut.lowerBound].utf8)
    after = Array(hashed[cut.upperBound...].utf8)
    self.secret = secret
    self.rule = rule
    self.keyPath = keyPath
    self.file = file
  }
}

/// Every candidate secret of four lowercase letters and digits, hashed the way talint hashes a
/// finding's text, against the published hashes. FNV-1a is written here from its definition,
/// not taken from talint, so that a change of talint's hash cannot make the test pass by
/// itself. Tight loops on integers: a debug build runs the 1.7 million candidates of each
/// template in seconds.
struct Guesses {
  static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
  static let prime: UInt64 = 0x100_0000_01b3
  static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
  let published: Set<UInt64>
  /// One bit per low 16 bits of a published hash: a candidate's three hashes are looked up in
  /// the set only when this says they may be there.
  let filter: [UInt64]

  init(published: Set<UInt64>) {
    self.published = published
    var filter = [UInt64](repeating: 0, count: 1024)
    for hash in published { filter[Int(hash >> 6 & 1023)] |= 1 << (hash & 63) }
    self.filter = filter
  }

  static func fnv(_ bytes: [UInt8], from start: UInt64 = offset) -> UInt64 {
    var hash = start
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
    return hash
  }

  /// `hash` continued over the 16 lowercase hex digits of `value`.
  static func fnv(hexOf value: UInt64, from start: UInt64) -> UInt64 {
    var hash = start
    var shift: UInt64 = 64
    while shift > 0 {
      shift -= 4
      let nibble = (value >> shift) & 0xF
      hash = (hash ^ (nibble < 10 ? 48 + nibble : 87 + nibble)) &* prime
    }
    return hash
  }

  /// The candidates whose value hash, fingerprint or GitLab fingerprint was published, each
  /// first letter on its own thread.
  func recover(_ template: HashTemplate) -> [String] {
    let valueStart = Self.fnv(template.before)
    let fingerprintStart = Self.fnv(Array("\(template.rule)\u{0}\(template.keyPath)\u{0}".utf8))
    let gitlabStart = Self.fnv(Array("\(template.file)\u{0}".utf8))
    let letters = Self.alphabet.map(UInt64.init)
    let found = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: letters.count) { first in
      let matches = letters.withUnsafeBufferPointer { letters in
        template.after.withUnsafeBufferPointer { after in
          filter.withUnsafeBufferPointer { filter in
            search(first: letters[first], letters: letters, after: after, filter: filter, starts: (valueStart, fingerprintStart, gitlabStart))
          }
        }
      }
      found.withLock { $0 += matches }
    }
    return found.withLock { $0 }
  }

  private func search(
    first: UInt64, letters: UnsafeBufferPointer<UInt64>, after: UnsafeBufferPointer<UInt8>, filter: UnsafeBufferPointer<UInt64>,
    starts: (value: UInt64, fingerprint: UInt64, gitlab: UInt64)
  ) -> [String] {
    var found: [String] = []
    let prime = Self.prime
    let hashA = (starts.value ^ first) &* prime
    for b in letters {
      let hashB = (hashA ^ b) &* prime
      for c in letters {
        let hashC = (hashB ^ c) &* prime
        for d in letters {
          var value = (hashC ^ d) &* prime
          for byte in after { value = (value ^ UInt64(byte)) &* prime }
          let fingerprint = Self.fnv(hexOf: value, from: starts.fingerprint)
          let gitlab = Self.fnv(hexOf: fingerprint, from: starts.gitlab)
          let bits = filter[Int(value >> 6 & 1023)] & (1 << (value & 63)) | filter[Int(fingerprint >> 6 & 1023)] & (1 << (fingerprint & 63))
            | filter[Int(gitlab >> 6 & 1023)] & (1 << (gitlab & 63))
          if bits != 0 && (published.contains(value) || published.contains(fingerprint) || published.contains(gitlab)) {
            found.append(String(decoding: [first, b, c, d].map(UInt8.init), as: UTF8.self))
          }
        }
      }
    }
    return found
  }
}
