import Foundation
import TalintTestSupport
import Testing

/// Each machine format, produced by the binary and checked by an independent reader:
/// SARIF against the official 2.1.0 schema, JSON and XML parsed by python3.
@Suite struct OutputFormatTests {
  /// Findings, a suppressed one and an invalid file: every format must carry them.
  let inputs = ["Fixtures/suppressions/inline-comments.yaml", "Fixtures/kernel/several-args-in-one-string.yaml", "Fixtures/kernel/ok-stricter-and-unrelated-args.yaml"]

  func talint(_ arguments: [String]) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, arguments, directory: Paths.packageRoot)
  }

  func python(_ script: String, _ arguments: [String], stdin: String) throws -> ProcessOutput {
    let python = try #require(Subprocess.which("python3"), "python3 is needed to check machine formats")
    return try Subprocess.run(python, ["-c", script] + arguments, stdin: Array(stdin.utf8))
  }

  @Test(.enabled(if: Paths.shared != nil, "skipped: ../shared (the SARIF schema) is not beside the checkout"))
  func sarifValidatesAgainstTheOfficialSchema() throws {
    let output = try talint(["lint", "--format", "sarif"] + inputs)
    #expect(output.status == 1)
    let script = """
      import json, sys
      from jsonschema import Draft4Validator
      schema = json.load(open(sys.argv[1]))
      log = json.load(sys.stdin)
      errors = sorted(str(e.message) for e in Draft4Validator(schema).iter_errors(log))
      if errors: print("\\n".join(errors))
      run = log["runs"][0]
      results = run["results"]
      assert run["columnKind"] == "unicodeCodePoints"
      assert any(r.get("suppressions") for r in results), "no suppressed result"
      assert all(r["partialFingerprints"]["talint/v1"] for r in results)
      rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
      assert "CIS-1.3.7" in rules["TAL315"]["properties"]["tags"]
      assert rules["TAL102"]["properties"]["security-severity"] == "8.0"
      region = [r for r in results if r["ruleId"] == "TAL102"][0]["locations"][0]["physicalLocation"]
      assert region["artifactLocation"]["uri"] == "Fixtures/kernel/several-args-in-one-string.yaml", region
      assert region["region"] == {"startLine": 5, "startColumn": 37, "endLine": 5, "endColumn": 42}, region
      """
    let check = try python(script, [Paths.shared! + "/schemas/sarif-schema-2.1.0.json"], stdin: output.stdout)
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stdout.isEmpty, "schema errors: \(check.stdout)")
  }

  @Test func jsonIsVersionedAndMarksSuppressions() throws {
    let output = try talint(["lint", "--format", "json"] + inputs)
    let script = """
      import json, sys
      doc = json.load(sys.stdin)
      assert doc["version"] == 1 and doc["tool"]["name"] == "talint"
      suppressed = [d for d in doc["diagnostics"] if d["suppressed"]]
      assert suppressed and all(d["justification"] for d in suppressed), suppressed
      first = doc["diagnostics"][0]
      for key in ["ruleId", "ruleName", "severity", "message", "file", "startLine", "startColumn", "endLine", "endColumn", "keyPath"]:
          assert key in first, key
      print(len(doc["diagnostics"]))
      """
    let check = try python(script, [], stdin: output.stdout)
    #expect(check.status == 0, "\(check.stderr)")
    #expect(Int(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 6)
  }

  @Test func xmlFormatsParse() throws {
    for format in ["junit", "checkstyle"] {
      let output = try talint(["lint", "--format", format] + inputs)
      let script = """
        import sys, xml.etree.ElementTree as ET
        root = ET.fromstring(sys.stdin.read())
        if root.tag == "testsuites":
            cases = root.findall("./testsuite/testcase")
            failures = root.findall("./testsuite/testcase/failure")
            assert len(root.findall("./testsuite")) == 3
            assert len(cases) == len(failures) + 1, (len(cases), len(failures))
            print(len(failures))
        else:
            assert root.tag == "checkstyle"
            errors = root.findall("./file/error")
            assert all(e.get("source").startswith("talint.TAL") for e in errors)
            print(len(errors))
        """
      let check = try python(script, [], stdin: output.stdout)
      #expect(check.status == 0, "\(format): \(check.stderr)")
      #expect(check.stdout.hasPrefix("4"), "\(format) should carry the 4 visible findings: \(check.stdout)")
    }
  }

  @Test func gitlabFingerprintsAreUniqueAndStable() throws {
    let first = try talint(["lint", "--format", "gitlab"] + inputs)
    let second = try talint(["lint", "--format", "gitlab"] + inputs)
    #expect(first.stdout == second.stdout)
    let script = """
      import json, sys
      issues = json.load(sys.stdin)
      prints = [i["fingerprint"] for i in issues]
      assert len(prints) == len(set(prints)) == 4, prints
      assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}
      assert all(i["location"]["lines"]["begin"] >= 1 for i in issues)
      """
    let check = try python(script, [], stdin: first.stdout)
    #expect(check.status == 0, "\(check.stderr)")
  }

  @Test func githubAnnotationsAndAutomaticChoice() throws {
    let output = try talint(["lint", "--format", "github", "Fixtures/kernel/several-args-in-one-string.yaml"])
    #expect(output.stdout.split(separator: "\n") == [
      "::warning file=Fixtures/kernel/several-args-in-one-string.yaml,line=5,col=23,endLine=5,endColumn=36,title=TAL103::'lockdown=none' turns off kernel lockdown; remove it unless the node needs it [TAL103]",
      "::error file=Fixtures/kernel/several-args-in-one-string.yaml,line=5,col=37,endLine=5,endColumn=42,title=TAL102::'nopti' turns off page-table isolation (Meltdown mitigation); remove it [TAL102]",
    ])
    let automatic = try Subprocess.run(
      "/usr/bin/env", ["GITHUB_ACTIONS=true", Paths.binary, "lint", "Fixtures/kernel/several-args-in-one-string.yaml"],
      directory: Paths.packageRoot)
    #expect(automatic.stdout == output.stdout)
  }

  @Test func prettyShowsTheSourceAndHelpWithoutColourWhenPiped() throws {
    let output = try talint(["lint", "--format", "pretty", "Fixtures/kernel/several-args-in-one-string.yaml"])
    #expect(output.stdout.contains("error[TAL102]: 'nopti' turns off page-table isolation"))
    #expect(output.stdout.contains(" --> Fixtures/kernel/several-args-in-one-string.yaml:5:37"))
    #expect(output.stdout.contains("  |                                     ^^^^^\n"))
    #expect(output.stdout.contains("= help: Remove the argument"))
    #expect(!output.stdout.contains("\u{1B}["))
  }

  /// Fingerprints hash each finding's value text, so one rule at one key path gives two
  /// fingerprints for two different values. (Text output skips hashing values; the formats
  /// that print fingerprints must not.)
  @Test(arguments: [("json", "\"fingerprint\" : "), ("sarif", "\"talint/v1\" : ")])
  func fingerprintsFollowTheValueText(format: String, marker: String) throws {
    let args = "machine:\n  install:\n    extraKernelArgs:\n      - "
    let folder = try ScratchTree.make(["a.yaml": args + "nopti\n", "b.yaml": args + "init_on_alloc=0\n"])
    let output = try talint(["lint", "--format", format, folder + "/a.yaml", folder + "/b.yaml"])
    let fingerprints = output.stdout.split(separator: "\n").filter { $0.contains(marker) }
    #expect(fingerprints.count == 2, "\(output.stdout)")
    #expect(Set(fingerprints).count == 2, "\(fingerprints)")
  }

  @Test func outputFileReceivesTheReport() throws {
    let path = ScratchTree.path(".json")
    let output = try talint(["lint", "--format", "json", "--output", path, "Fixtures/kernel/several-args-in-one-string.yaml"])
    #expect(output.stdout.isEmpty)
    #expect(String(decoding: Paths.read(path), as: UTF8.self).contains("\"ruleId\" : \"TAL102\""))
  }
}
