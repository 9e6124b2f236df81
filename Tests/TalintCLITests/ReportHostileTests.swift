import Foundation
import TalintTestSupport
import Testing

/// `talint report` on a stranger's pull request: what a tree can put in a value, a name or a
/// path must not show a secret nor break out of the format it is written in, and a large tree
/// costs about what `lint` pays for it.
@Suite struct ReportHostileTests {
  static let formats = ["text", "json", "markdown", "html"]

  func report(_ arguments: [String], in directory: String) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, ["report"] + arguments, directory: directory)
  }

  /// One control plane made of `patch`, in a project of its own.
  func project(patch: String, machine: String = "cp") throws -> String {
    try ScratchTree.make([
      ".talint.yaml": "machines:\n  \(machine): {type: controlplane, talos-version: \"1.13\", patches: [p.yaml]}\n",
      "p.yaml": patch,
    ])
  }

  @Test func urlCredentialsInFlagValuesAndRuleMessagesAreMaskedInEveryFormat() throws {
    let root = try project(
      patch: """
        cluster:
          etcd:
            extraArgs:
              listen-metrics-urls: http://root:hunter2pw@0.0.0.0:2381
          apiServer:
            extraArgs:
              audit-log-path: https://audit:s3cretpass@logs.example.com/x?jointoken=joinsecret42
        """)
    for format in Self.formats {
      let output = try report(["--format", format, "."], in: root)
      // 2.1 fails on the rule's message; 1.2.16 passes on the flag's value (shown by json and html).
      #expect(output.stdout.contains("2.1") && (["text", "markdown"].contains(format) || output.stdout.contains("audit-log-path")), "\(format)")
      for secret in ["hunter2pw", "s3cretpass", "joinsecret42"] {
        #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret), "\(format) shows \(secret)")
      }
    }
  }

  /// A talhelper variable named like a secret (`MY_SECRET_TOKEN` in talenv.yaml) holds one,
  /// wherever the talconfig uses it: its value is not substituted, so neither the report's
  /// evidence nor `lint` can show it.
  @Test func aTalenvValueOfASecretNamedVariableIsNotShown() throws {
    let root = try ScratchTree.make([
      "talconfig.yaml": """
        clusterName: c
        talosVersion: v1.13.0
        endpoint: https://c.example:6443
        nodes:
          - hostname: cp1
            ipAddress: 10.0.0.1
            controlPlane: true
            installDisk: /dev/sda
        controlPlane:
          patches:
            - |-
              cluster:
                controllerManager:
                  extraArgs:
                    bind-address: ${MY_SECRET_TOKEN}
        """,
      "talenv.yaml": "MY_SECRET_TOKEN: supersecretvalue99\n",
    ])
    for format in Self.formats {
      let output = try report(["--format", format, "."], in: root)
      #expect(output.stdout.contains("cp1") && !output.stdout.contains("supersecretvalue99"), "\(format)")
    }
    #expect(try !Subprocess.run(Paths.binary, ["lint", "."], directory: root).stdout.contains("supersecretvalue99"))
  }

  /// GFM splits a table row at every `|` that is not escaped, and a `\\` pair escapes nothing:
  /// a name ending its text in `\` must not turn the escape of a `|` after it into a cell break.
  @Test func aMachineNameCannotAddMarkdownTableCells() throws {
    let root = try project(patch: "cluster:\n  apiServer:\n    extraArgs:\n      profiling: \"true\"\n", machine: "'a\\|b\\'")
    let markdown = try report(["--format", "markdown", "."], in: root).stdout
    let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| a") }
    #expect(rows.count >= 2, "\(markdown)")
    // The machines table has 8 columns, failing controls 5, the counts per section 6.
    for row in rows {
      let cells = Self.cells(String(row))
      #expect([8, 6].contains(cells.count) && cells[0].hasPrefix(" a"), "\(row) → \(cells)")
    }
    let failing = markdown.split(separator: "\n").filter { $0.hasPrefix("| 1.2.15 ") }
    #expect(failing.count == 1 && Self.cells(String(failing[0])).count == 5, "\(failing)")
  }

  /// A file name from the tree is shown as code: a backtick in it must not close the code span
  /// early and let the rest be read as Markdown (a link, an image, a mention).
  @Test func aBacktickInAPathStaysInsideItsCodeSpan() throws {
    let name = "p`[pwn](https://evil.example)`.yaml"
    let root = try ScratchTree.make([
      ".talint.yaml": "machines:\n  cp: {type: controlplane, talos-version: \"1.13\", patches: ['\(name)']}\n",
      name: "cluster:\n  apiServer:\n    extraArgs:\n      profiling: \"true\"\n",
    ])
    let output = try report(["--format", "markdown", "."], in: root)
    let row = try #require(output.stdout.split(separator: "\n").first { $0.hasPrefix("| 1.2.15 ") }, "\(output.stdout)\n\(output.stderr)")
    let place = Self.cells(String(row))[3].trimmingCharacters(in: .whitespaces)
    #expect(Self.isOneCodeSpan(place) && place.contains("pwn"), "\(place)")
  }

  /// Names, paths and values with HTML's specials and control characters leave the page inert:
  /// no element the tree wrote, every row closed.
  @Test func theHTMLPageStaysInertWithHostileNamesAndPaths() throws {
    let root = try ScratchTree.make([
      ".talint.yaml": """
        machines:
          "<script>alert(1)</script>": {type: controlplane, talos-version: "1.13", patches: [p.yaml]}
          "w\\n<img src=x onerror=alert(1)>": {type: worker, talos-version: "1.13"}
        """,
      "p.yaml": "cluster:\n  apiServer:\n    extraArgs:\n      profiling: \"<b>true</b>\"\n      audit-log-path: \"</td><script>x</script>\"\n",
    ])
    let html = try report(["--format", "html", "."], in: root).stdout
    #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
    for element in ["<script", "<img", "<b>", "</td><script"] { #expect(!html.contains(element), "\(element)") }
    for tag in ["tr", "td", "table", "section"] {
      #expect(html.components(separatedBy: "<\(tag)").count == html.components(separatedBy: "</\(tag)>").count, "\(tag)")
    }
  }

  /// Machines each failing many controls at places of their own: the report costs about what
  /// `lint` does on the same tree (both merge and check every machine), not the square of the
  /// number of failures.
  @Test func manyFailuresCostAboutWhatLintCosts() throws {
    var files: [String: String] = [:]
    var machines = "machines:\n"
    for index in 0..<400 {
      machines += "  cp\(index): {type: controlplane, talos-version: \"1.13\", patches: [p\(index).yaml]}\n"
      files["p\(index).yaml"] = Self.failing(index)
    }
    files[".talint.yaml"] = machines
    let root = try ScratchTree.make(files)
    for format in Self.formats {
      // `lint` is timed beside each format, so that both run under the same load.
      let lintStart = Date()
      _ = try Subprocess.run(Paths.binary, ["lint", "--format", "json", "."], directory: root)
      let lintTime = Date().timeIntervalSince(lintStart)
      let start = Date()
      let output = try report(["--format", format, "."], in: root)
      let time = Date().timeIntervalSince(start)
      #expect(output.status == 1, "\(format): \(output.stderr)")
      #expect(time < 4 * lintTime + 5, "\(format): report \(time) s, lint \(lintTime) s")
    }
  }

  /// A patch failing a dozen controls, with values of its own (so no two machines' FAILs group).
  static func failing(_ index: Int) -> String {
    """
    cluster:
      apiServer:
        extraArgs:
          profiling: "true"
          audit-log-maxage: "\(index % 29)"
          audit-log-maxbackup: "\(index % 9)"
          audit-log-maxsize: "\(index % 99)"
          token-auth-file: /var/\(index)
          enable-admission-plugins: AlwaysAdmit,X\(index)
          disable-admission-plugins: ServiceAccount,NamespaceLifecycle,X\(index)
          service-account-lookup: "false"
      controllerManager:
        extraArgs:
          profiling: "true"
          use-service-account-credentials: "false"
          bind-address: 0.0.0.\(index % 200 + 1)
      scheduler:
        extraArgs:
          profiling: "true"
          bind-address: 0.0.0.\(index % 200 + 1)
    machine:
      kubelet:
        extraArgs:
          read-only-port: "\(10000 + index)"
          streaming-connection-idle-timeout: "0"
          make-iptables-util-chains: "false"

    """
  }

  @Test func brokenAndForeignInputsGiveAPositionedErrorAndExit2() throws {
    let root = try ScratchTree.make([
      ".talint.yaml": """
        machines:
          cp: {type: controlplane, talos-version: "1.13", patches: [bad.yaml]}
          bomb: {type: controlplane, talos-version: "1.13", patches: [bomb.yaml]}
          deep: {type: controlplane, talos-version: "1.13", patches: [deep.yaml]}
        """,
      "bad.yaml": "cluster:\n  apiServer: [\n",
      "bomb.yaml": Self.aliasBomb,
      "deep.yaml": String(repeating: "[", count: 100_000),
      "binary.yaml": String(decoding: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131) }, as: UTF8.self),
    ])
    let start = Date()
    let output = try report(["--format", "json", "."], in: root)
    #expect(Date().timeIntervalSince(start) < 60)
    #expect(output.status == 2, "\(output.stderr)")
    for file in ["bad.yaml", "bomb.yaml", "deep.yaml"] { #expect(output.stderr.contains("\(file):"), "\(output.stderr)") }
  }

  static let aliasBomb: String = {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1..<20 { text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
    return "machine:\n  sysctls:\n    " + text.replacingOccurrences(of: "\n", with: "\n    ").trimmingCharacters(in: .whitespaces)
  }()

  /// `--machine` with names no machine has, in a tree whose machine names hold a line break
  /// and a terminal escape: one usage line, exit 64, nothing forged on standard error.
  @Test func oddMachineNamesGiveOneUsageLine() throws {
    let root = try project(patch: "machine: {}\n", machine: "\"cp\\ntalint: error: forged\\e[31m\"")
    for name in ["", "\u{1b}[31mred", "cp", "../cp", String(repeating: "x", count: 100_000)] {
      let output = try report(["--machine", name, "."], in: root)
      #expect(output.status == 64, "\(name.prefix(20))")
      #expect(!output.stderr.contains("\u{1b}") && output.stderr.split(separator: "\n").count == 1, "\(output.stderr.prefix(300))")
    }
    #expect(try report(["--machine", "cp\ntalint: error: forged\u{1b}[31m", "."], in: root).status == 1)
  }

  /// A GFM table row's cells: split at each `|` that no backslash escapes (`\\` escapes a
  /// backslash, not the pipe after it), the outer pipes dropped.
  static func cells(_ row: String) -> [String] {
    var cells: [String] = []
    var current = ""
    var escaped = false
    for character in row {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" {
        current.append(character)
        escaped = true
      } else if character == "|" {
        cells.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    cells.append(current)
    return Array(cells.dropFirst().dropLast())
  }

  /// CommonMark: the text is one code span — it opens with a run of backticks and the first
  /// run of the same length closes it at the text's end.
  static func isOneCodeSpan(_ text: String) -> Bool {
    let characters = Array(text)
    let fence = characters.prefix { $0 == "`" }.count
    guard fence > 0 else { return false }
    var index = fence
    while index < characters.count {
      guard characters[index] == "`" else {
        index += 1
        continue
      }
      let run = characters[index...].prefix { $0 == "`" }.count
      if run == fence { return index + run == characters.count }
      index += run
    }
    return false
  }
}
