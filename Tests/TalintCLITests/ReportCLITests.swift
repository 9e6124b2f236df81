import Foundation
import TalintTestSupport
import Testing

/// `talint report`: the CIS Kubernetes Benchmark 1.10 for every machine of the fixtures, in
/// every format; the JSON read by a kube-bench consumer and checked against the schema in
/// docs/; the HTML page rendered by headless Chromium and checked for what it shows.
@Suite struct ReportCLITests {
  /// The fixtures' machines: .talint.yaml machines, a talhelper repository, Omni templates.
  static let fixtureSets = [
    ["Fixtures/machines"], ["Fixtures/talhelper/home-cluster"], ["Fixtures/omni/cluster-template.yaml", "Fixtures/omni/ok-cluster-template.yaml"],
  ]

  func talint(_ arguments: [String], in directory: String = Paths.packageRoot) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, ["report"] + arguments, directory: directory)
  }

  /// kube-bench's JSON as a consumer of `kube-bench --json` reads it (its documented keys only).
  struct KubeBench: Decodable {
    struct Summary: Decodable {
      var total_pass: Int
      var total_fail: Int
      var total_warn: Int
      var total_info: Int
    }
    struct Controls: Decodable {
      var id: String
      var version: String
      var text: String
      var node_type: String
      var tests: [Group]
      var total_pass: Int
      var total_fail: Int
      var total_warn: Int
      var total_info: Int
    }
    struct Group: Decodable {
      var section: String
      var pass: Int
      var fail: Int
      var warn: Int
      var info: Int
      var desc: String
      var results: [Check]
    }
    struct Check: Decodable {
      var test_number: String
      var test_desc: String
      var remediation: String
      var status: String
      var scored: Bool
      var actual_value: String
      var test_info: [String]
    }
    var Controls: [Controls]
    var Totals: Summary
  }

  /// talint's additions, read beside kube-bench's keys.
  struct Talint: Decodable {
    struct Controls: Decodable {
      var machine: String
      var talos_release: String
      var tests: [Group]
    }
    struct Group: Decodable { var results: [Check] }
    struct Check: Decodable {
      struct Location: Decodable {
        var path: String
        var line: Int
      }
      var test_number: String
      var status: String
      var machine: String
      var actual_value: String
      var location: Location?
      var rules: [String]
    }
    var Controls: [Controls]

    /// Every result, by machine then control ID.
    var byMachine: [String: [String: Check]] {
      var results: [String: [String: Check]] = [:]
      for controls in self.Controls { for group in controls.tests { for check in group.results { results[check.machine, default: [:]][check.test_number] = check } } }
      return results
    }
  }

  func json(_ arguments: [String], in directory: String = Paths.packageRoot) throws -> (KubeBench, Talint, ProcessOutput) {
    let output = try talint(["--format", "json"] + arguments, in: directory)
    let data = Data(output.stdout.utf8)
    return (try JSONDecoder().decode(KubeBench.self, from: data), try JSONDecoder().decode(Talint.self, from: data), output)
  }

  /// The control IDs docs/cis.md lists, one table row each (`| 1.2.15 | …`).
  static func documentedIDs() throws -> [String] {
    let text = try String(contentsOfFile: Paths.packageRoot + "/docs/cis.md", encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count > 2, cells[1].first?.isNumber == true else { return nil }
      return cells[1]
    }
  }

  @Test(arguments: fixtureSets) func everyControlHasAStatusForEveryMachineAndNoneAConfigDecidesIsManual(inputs: [String]) throws {
    let ids = try Self.documentedIDs()
    #expect(ids.count > 100 && Set(ids).count == ids.count, "docs/cis.md lists each control once")
    let (kubeBench, talint, _) = try json(inputs)
    let machines = talint.byMachine
    #expect(!machines.isEmpty)
    for (machine, results) in machines {
      #expect(Set(results.keys) == Set(ids), "machine \(machine) lacks \(Set(ids).subtracting(results.keys).sorted())")
    }
    // An Automated control is decided by the config (PASS or FAIL) or is beyond any config (INFO): never WARN.
    for controls in kubeBench.Controls {
      for check in controls.tests.flatMap(\.results) where check.test_desc.hasSuffix("(Automated)") {
        #expect(check.status != "WARN", "\(check.test_number) is Automated but WARN: \(check.actual_value)")
      }
    }
  }

  @Test(.enabled(if: Paths.shared != nil, "skipped: ../shared (the CIS 1.10 mapping) is not beside the checkout"))
  func theDocumentedControlsAreTheBenchmarks() throws {
    let reference = try String(contentsOfFile: Paths.shared! + "/talos-reference/CIS-1.10.md", encoding: .utf8)
    var referenced: [String] = []
    var inSixth = false
    for line in reference.split(separator: "\n") {
      if line.hasPrefix("## 6.") { inSixth = true }
      if line.hasPrefix("## 7.") { inSixth = false }
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard !inSixth, cells.count > 3, let first = cells.first, first.first?.isNumber == true, first.allSatisfy({ $0.isNumber || $0 == "." }) else { continue }
      referenced.append(first)
    }
    #expect(Set(try Self.documentedIDs()) == Set(referenced))
  }

  @Test(arguments: fixtureSets) func aKubeBenchConsumerReadsTheJSONAndItsCountsAddUp(inputs: [String]) throws {
    let (kubeBench, _, _) = try json(inputs)
    var total = [String: Int]()
    for controls in kubeBench.Controls {
      #expect(controls.version == "cis-1.10")
      var inControls = [String: Int]()
      for group in controls.tests {
        let statuses = group.results.map(\.status)
        #expect(group.pass == statuses.filter { $0 == "PASS" }.count && group.fail == statuses.filter { $0 == "FAIL" }.count)
        #expect(group.warn == statuses.filter { $0 == "WARN" }.count && group.info == statuses.filter { $0 == "INFO" }.count)
        #expect(group.results.allSatisfy { $0.test_number.hasPrefix(group.section) && !$0.remediation.isEmpty })
        for status in statuses { inControls[status, default: 0] += 1 }
      }
      #expect([controls.total_pass, controls.total_fail, controls.total_warn, controls.total_info] == ["PASS", "FAIL", "WARN", "INFO"].map { inControls[$0] ?? 0 })
      for (status, count) in inControls { total[status, default: 0] += count }
    }
    let totals = kubeBench.Totals
    #expect([totals.total_pass, totals.total_fail, totals.total_warn, totals.total_info] == ["PASS", "FAIL", "WARN", "INFO"].map { total[$0] ?? 0 })
  }

  @Test(arguments: fixtureSets) func theJSONValidatesAgainstTheSchemaInDocs(inputs: [String]) throws {
    let output = try talint(["--format", "json"] + inputs)
    let python = try #require(Subprocess.which("python3"), "python3 (with jsonschema) checks the schema")
    let script = """
      import json, sys
      from jsonschema import Draft202012Validator
      schema = json.load(open(sys.argv[1]))
      Draft202012Validator.check_schema(schema)
      errors = sorted(f"{list(e.path)}: {e.message}" for e in Draft202012Validator(schema).iter_errors(json.load(sys.stdin)))
      print("\\n".join(errors[:20]))
      """
    let check = try Subprocess.run(python, ["-c", script, Paths.packageRoot + "/docs/cis-report.schema.json"], stdin: Array(output.stdout.utf8))
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "schema errors: \(check.stdout)")
  }

  @Test(arguments: fixtureSets) func everyFormatShowsEveryMachine(inputs: [String]) throws {
    let (kubeBench, talint, _) = try json(inputs)
    let machines = Set(talint.Controls.map(\.machine))
    let failing = kubeBench.Totals.total_fail > 0
    let text = try self.talint(inputs)
    // A patch Talos would refuse (the talhelper fixture has one) is exit 2, the report printed all the same.
    let refused = text.stderr.contains("Talos would refuse this patch")
    #expect(text.status == (refused ? 2 : failing ? 1 : 0), "\(text.stderr)")
    for machine in machines {
      #expect(text.stdout.split(separator: "\n").contains { $0.hasPrefix("\(machine) (") && $0.contains("): score ") }, "text lacks \(machine)")
    }
    // Each FAIL is listed once per place with the machines it reaches.
    let failLines = text.stdout.split(separator: "\n").filter { $0.contains("FAIL ") && $0.contains("(machine") }
    #expect(failing == !failLines.isEmpty)
    let markdown = try self.talint(["--format", "markdown"] + inputs)
    for machine in machines { #expect(markdown.stdout.contains("| \(machine) | "), "markdown lacks \(machine)") }
    let html = try self.talint(["--format", "html"] + inputs)
    let cells = html.stdout.components(separatedBy: "<td class=\"c ").count - 1
    #expect(cells == machines.count * (try Self.documentedIDs()).count)
    #expect(!html.stdout.contains("http://") && !html.stdout.contains("https://") && !html.stdout.contains("<script"), "the page is self-contained")
  }

  @Test func aFailNamesTheRuleAndTheLineThatDecideIt() throws {
    let (_, talint, _) = try json(["Fixtures/machines"])
    let profiling = try #require(talint.byMachine["cp1"]?["1.2.15"])
    #expect(profiling.status == "FAIL" && profiling.rules == ["TAL308"])
    #expect(profiling.location?.path == "Fixtures/machines/patches/common.yaml" && profiling.location?.line == 10)
    // A value Talos enforces is PASS with the release that enforces it.
    let etcd = try #require(talint.byMachine["cp1"]?["2.2"])
    #expect(etcd.status == "PASS" && etcd.actual_value.contains("enforced by Talos 1.13"))
    // Talos's default decides, named as such.
    let maxage = try #require(talint.byMachine["cp2"]?["1.2.17"])
    #expect(maxage.status == "PASS" && maxage.actual_value.contains("Talos 1.13 default"))
    // A worker runs no control plane.
    #expect(talint.byMachine["w1"]?["1.2.15"]?.status == "INFO")
  }

  @Test func theReleaseDecidesWhatTalosSetsByItself() throws {
    let root = try ScratchTree.make([
      ".talint.yaml": """
        machines:
          old: {type: controlplane, talos-version: "1.11"}
          mid: {type: controlplane, talos-version: "1.13"}
          new: {type: controlplane, talos-version: "1.14"}
        """
    ])
    let (_, talint, _) = try json(["."], in: root)
    let results = talint.byMachine
    // terminated-pod-gc-threshold: set to 100 from 1.14 on, unset before (Manual: WARN).
    #expect(results["new"]?["1.3.1"]?.status == "PASS" && results["new"]?["1.3.1"]?.actual_value.contains("100") == true)
    #expect(results["mid"]?["1.3.1"]?.status == "WARN")
    // API server ciphers: 1.11's list has two suites cis-1.10 refuses; 1.13's is accepted.
    #expect(results["old"]?["1.2.29"]?.status == "WARN" && results["mid"]?["1.2.29"]?.status == "PASS")
    #expect(talint.Controls.first { $0.machine == "new" }?.talos_release == "1.14")
  }

  @Test func anAuthorizerAPatchDeletesFailsWhereTalosDoesNotPutItBack() throws {
    let root = try ScratchTree.make([
      ".talint.yaml": """
        machines:
          legacy: {type: controlplane, talos-version: "1.13"}
          multi: {type: controlplane, talos-version: "1.14", patches: [no-rbac.yaml]}
        """,
      "no-rbac.yaml": "apiVersion: v1alpha1\nkind: KubeAuthorizerConfig\nname: rbac\n$patch: delete\n",
    ])
    let results = try json(["."], in: root).1.byMachine
    // The legacy config always gets Node and RBAC from Talos; multi-document configs only what their documents say.
    #expect(results["legacy"]?["1.2.8"]?.status == "PASS")
    let rbac = try #require(results["multi"]?["1.2.8"])
    #expect(rbac.status == "FAIL" && rbac.location?.path == "no-rbac.yaml", "\(rbac.actual_value)")
    #expect(results["multi"]?["1.2.7"]?.status == "PASS")
  }

  @Test func aLoneCompleteConfigIsOneMachine() throws {
    let config = try String(contentsOfFile: Paths.fixtures + "/releases/ok-talos-0.12-complete-config.yaml", encoding: .utf8)
    let root = try ScratchTree.make(["node.yaml": config, "notes.yaml": "just: data\n"])
    let (_, talint, output) = try json(["node.yaml", "notes.yaml"], in: root)
    #expect(Set(talint.Controls.map(\.machine)) == ["node.yaml"], "\(output.stderr)")
  }

  @Test func failUnderMachineAndExitStatuses() throws {
    #expect(try talint(["--machine", "w1", "Fixtures/machines"]).status == 0)
    #expect(try talint(["--machine", "w1", "--fail-under", "100", "Fixtures/machines"]).status == 0)
    #expect(try talint(["--machine", "cp1", "--fail-on", "never", "Fixtures/machines"]).status == 0)
    #expect(try talint(["--machine", "cp1", "--fail-on", "never", "--fail-under", "100", "Fixtures/machines"]).status == 1)
    #expect(try talint(["--machine", "w1", "--fail-on", "info", "Fixtures/machines"]).status == 1, "w1 has WARNs")
    let only = try json(["--machine", "w1", "Fixtures/machines"]).1
    #expect(Set(only.Controls.map(\.machine)) == ["w1"])
    let unknown = try talint(["--machine", "cp9", "Fixtures/machines"])
    #expect(unknown.status == 64 && unknown.stderr.contains("did you mean"))
    #expect(try talint(["--fail-under", "101", "Fixtures/machines"]).status == 64)
    let empty = try ScratchTree.make(["notes.txt": "nothing here\n"])
    #expect(try talint(["."], in: empty).status == 2)
  }

  static var chromium: String? { ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap { Subprocess.which($0) }.first }

  @Test(.enabled(if: chromium != nil, "skipped: headless Chromium is not installed (apt-get install -y chromium)"))
  func theHTMLPageShowsTheMatrixInHeadlessChromium() throws {
    let (kubeBench, talint, _) = try json(["Fixtures/machines"])
    let html = try self.talint(["--format", "html", "Fixtures/machines"])
    let root = try ScratchTree.make(["report.html": html.stdout])
    let page = "file://" + root + "/report.html"
    let browser = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1400,1000"]
    let dom = try Subprocess.run(Self.chromium!, browser + ["--dump-dom", page], directory: root)
    #expect(dom.status == 0, "\(dom.stderr)")
    // What the browser built: one cell per machine and control, of each status as many as the JSON says.
    let cells = ["pass": "PASS", "fail": "FAIL", "manual": "WARN", "na": "INFO"].mapValues { status in
      kubeBench.Controls.flatMap(\.tests).flatMap(\.results).filter { $0.status == status }.count
    }
    for (className, expected) in cells {
      #expect(dom.stdout.components(separatedBy: "class=\"c \(className)\"").count - 1 == expected, "\(className) cells")
    }
    for machine in Set(talint.Controls.map(\.machine)) { #expect(dom.stdout.contains(">\(machine)<")) }
    #expect(dom.stdout.contains("Talos 1.13"))
    // What it painted: each status's colour covers about as many cell areas as it has cells.
    let screenshot = root + "/report.png"
    let shot = try Subprocess.run(Self.chromium!, browser + ["--screenshot=\(screenshot)", page], directory: root)
    #expect(FileManager.default.fileExists(atPath: screenshot), "\(shot.stderr)")
    let pixels = try Self.countColors(in: screenshot, ["pass": "2e7d32", "fail": "c62828", "manual": "f9a825", "na": "90a4ae"])
    let perCell = Double(pixels.values.reduce(0, +)) / Double(cells.values.reduce(0, +))
    #expect(perCell > 100, "cells of about 7×20 pixels: \(pixels)")
    for (className, count) in cells {
      let painted = Double(pixels[className] ?? 0)
      #expect(abs(painted - Double(count) * perCell) <= 0.15 * Double(count) * perCell + 1, "\(className): \(count) cells, \(painted) pixels")
    }
  }

  /// Pixels of each exact colour in a PNG (8-bit RGB or RGBA, not interlaced), decoded with
  /// python3's zlib: no imaging library needed.
  static func countColors(in png: String, _ colors: [String: String]) throws -> [String: Int] {
    let python = try #require(Subprocess.which("python3"))
    let script = """
      import json, struct, sys, zlib
      data = open(sys.argv[1], "rb").read()
      assert data[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
      pos, idat = 8, b""
      while pos < len(data):
          length, kind = struct.unpack(">I4s", data[pos:pos + 8])
          body = data[pos + 8:pos + 8 + length]
          if kind == b"IHDR": width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
          if kind == b"IDAT": idat += body
          pos += 12 + length
      assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
      bpp = 3 if ctype == 2 else 4
      raw, stride = zlib.decompress(idat), width * bpp
      previous, rows, i = bytearray(stride), [], 0
      for _ in range(height):
          kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
          for x in range(stride):
              a = line[x - bpp] if x >= bpp else 0
              b = previous[x]; c = previous[x - bpp] if x >= bpp else 0
              if kind == 1: line[x] = (line[x] + a) & 255
              elif kind == 2: line[x] = (line[x] + b) & 255
              elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
              elif kind == 4:
                  p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                  line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
          rows.append(line); previous = line
      wanted = {bytes.fromhex(v): k for k, v in json.loads(sys.argv[2]).items()}
      counts = {k: 0 for k in wanted.values()}
      for line in rows:
          for x in range(0, stride, bpp):
              name = wanted.get(bytes(line[x:x + 3]))
              if name: counts[name] += 1
      print(json.dumps(counts))
      """
    let colorsJSON = String(decoding: try JSONSerialization.data(withJSONObject: colors), as: UTF8.self)
    let output = try Subprocess.run(python, ["-c", script, png, colorsJSON])
    #expect(output.status == 0, "\(output.stderr)")
    return try JSONDecoder().decode([String: Int].self, from: Data(output.stdout.utf8))
  }
}
