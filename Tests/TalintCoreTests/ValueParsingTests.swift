import TalintCore
import TalintYAML
import Testing

@Suite struct ValueParsingTests {
  @Test func cidrsParseStrictly() throws {
    #expect(CIDR("10.0.0.0/8")?.isPrivate == true)
    #expect(CIDR("172.32.0.0/16")?.isPrivate == false)
    #expect(CIDR("172.16.5.0/24")?.isPrivate == true)
    #expect(CIDR("0.0.0.0/0")?.isEverything == true)
    #expect(CIDR("::/0")?.isEverything == true)
    #expect(CIDR("fd12:3456::/48")?.isPrivate == true)
    #expect(CIDR("fe80::1/128")?.isPrivate == true)
    #expect(CIDR("2001:db8::/32")?.isPrivate == false)
    #expect(CIDR("::ffff:10.0.0.1/128") != nil)
    #expect(CIDR("10.0.0.0/7")?.isPrivate == false)
    for bad in ["10.0.0.0/33", "10.0.0.1", "256.0.0.0/8", "10.0.0/8", "fd00::zz/64", "1::2::3/64", "/8", "10.0.0.0/-1", "1:2:3:4:5:6:7:8:9/64"] {
      #expect(CIDR(bad) == nil, "\(bad) should not parse")
    }
    #expect(try #require(CIDR("2001:db8::1/64")).description == "2001:db8:0:0:0:0:0:1/64")
  }

  /// The corners of the grammar, as the Character-based parser read them before the byte one.
  @Test func cidrCornersReadAsBefore() throws {
    for bad in ["1.2.3.4/8/8", "1.2.3.4//8", ":::/8", "1.2.3.4/+8", "1.2.3.4/", "1.2.3.4.5/8", "1::g/8", "[::]/0", "1.2.3.٣/8"] {
      #expect(CIDR(bad) == nil, "\(bad) should not parse")
    }
    #expect(try #require(CIDR("001.002.003.004/24")).description == "1.2.3.4/24")
    #expect(CIDR("1.2.3.4/08")?.prefixLength == 8)
    #expect(try #require(CIDR("::1.2.3.4/96")).description == "0:0:0:0:0:0:102:304/96")
  }

  @Test func kernelArgsParseLikeTalos() {
    #expect(KernelArg(parsing: "-pti=on") == KernelArg(parsing: "-pti=on"))
    let removal = KernelArg(parsing: "-pti=on")
    #expect(removal.removes && removal.key == "pti" && removal.value == "on")
    let bare = KernelArg(parsing: "slab_nomerge")
    #expect(!bare.removes && bare.key == "slab_nomerge" && bare.value == nil)
    let dash = KernelArg(parsing: "-")
    #expect(!dash.removes && dash.key == "-")
    #expect(KernelArg(parsing: "console=ttyS0,115200n8").value == "ttyS0,115200n8")
    #expect(KernelArg(parsing: "=x").key == "" && KernelArg(parsing: "=x").value == "x")
    // Non-ASCII text is read as Characters: a combining mark joins the `-` it follows.
    let accented = KernelArg(parsing: "-é=1")
    #expect(accented.removes && accented.key == "é" && accented.value == "1")
    #expect(!KernelArg(parsing: "-\u{301}x").removes)
  }

  /// Each argument of an entry that holds several is placed on its own characters, columns
  /// counted in Unicode scalars (the entry is read as bytes).
  @Test func kernelArgsOfOneEntryKeepTheirColumns() throws {
    let yaml = "machine:\n  install:\n    extraKernelArgs:\n      - 'é=1 nopti  -x=y'\n"
    let config = TalosConfig(YAMLParser.parse(Array(yaml.utf8)).documents)
    let placed = config.views.kernelArgs.map { ($0.value.text, $0.range.start.column, $0.range.end.column) }
    #expect(placed.map(\.0) == ["é=1", "nopti", "-x=y"])
    #expect(placed.map(\.1) == [10, 14, 21])
    #expect(placed.map(\.2) == [13, 19, 25])
    #expect(config.views.kernelArgs.allSatisfy { $0.range.start.line == 4 })
  }

  @Test func portsParseIntegersAndRanges() throws {
    let yaml = "ports: [50000, \"2379-2380\", \"53\", 1-65535, 70000, 9-1]\n"
    let document = TalosConfig(YAMLParser.parse(Array("apiVersion: v1alpha1\nkind: NetworkRuleConfig\nportSelector:\n  \(yaml)".utf8)).documents)
    let rule = try #require(document.views.firewallRules.first)
    #expect(rule.ports.map { $0.range.map { "\($0.lower)-\($0.upper)" } } == ["50000-50000", "2379-2380", nil, "1-65535", nil, nil])
  }

  @Test func versionsParseAndOrder() {
    #expect(TalosVersion(parsing: "v1.12.3") == TalosVersion(1, 12))
    #expect(TalosVersion(parsing: "1.13.0-beta.1") == TalosVersion(1, 13))
    #expect(TalosVersion(parsing: "latest") == nil)
    #expect(TalosVersion(parsing: "1") == nil)
    #expect(TalosVersion(1, 9) < TalosVersion(1, 12))
  }

  @Test func defaultsChangeWithTheVersion() {
    let old = TalosDefaults(version: TalosVersion(1, 11))
    let new = TalosDefaults(version: TalosVersion(1, 15))
    #expect(old.ksppSysctls["kernel.kptr_restrict"]?.value == 1)
    #expect(new.ksppSysctls["kernel.kptr_restrict"]?.value == 2)
    #expect(old.ksppSysctls["fs.suid_dumpable"] == nil)
    #expect(old.kernelArgs.contains("init_on_alloc=1"))
    #expect(!new.kernelArgs.contains("init_on_alloc=1"))
    #expect(!TalosDefaults(version: TalosVersion(1, 13)).deniedArgs(.apiServer).contains("tls-min-version"))
    #expect(new.deniedArgs(.apiServer).contains("tls-min-version"))
  }

  @Test func placeholdersAndEncryptedValuesAreNotPlaintext() {
    #expect(SecretFields.isProtected("ENC[AES256_GCM,data:x,type:str]"))
    #expect(SecretFields.isProtected("{{ .Secret }}"))
    #expect(SecretFields.isProtected("${TOKEN}"))
    #expect(SecretFields.isProtected("op://vault/item/field"))
    #expect(!SecretFields.isProtected("z01mye6j16bspJYtTB/5SFX8j7Ahe/mWx0lA8F2/pQE="))
  }

  /// Long values (certificates) are searched for template markers another way than short
  /// ones: a marker anywhere counts either way.
  @Test func templateMarkersAreFoundInLongValuesToo() {
    let long = String(repeating: "MIIBkTCB+wIJAKHBfpegPjMCMA0GCSqGSIb3DQEBCwUAMBExDzANBgNVBAMMBnVu", count: 8)
    #expect(!Placeholders.isTemplated(long))
    #expect(Placeholders.isTemplated(long + "{{ .Key }}"))
    #expect(Placeholders.isTemplated(long + "\u{FFFC}"))
    #expect(Placeholders.mayBeTemplated(long + "%"))
    #expect(Placeholders.mayBeTemplated("a<b"))
    #expect(!Placeholders.mayBeTemplated("plain"))
  }
}

/// Secret-looking keys, by name alone, in any case: the byte prefilter must pass every one.
@Suite struct SecretKeyTests {
  @Test func keysThatLookSecretAndKeysThatDoNot() {
    for key in ["token", "clusterSecret", "AWS_SECRET_ACCESS_KEY", "privateKey", "auth", "PASSWORD", "passwd", "oidc-client-secret", "credentials", "passphrase", "jointoken"] {
      #expect(SecretKeys.looksSecret(key), "\(key)")
    }
    for key in ["publicKey", "name", "keyring", "tokens", "authorization", "secretName", "", "k", "ключ"] {
      #expect(!SecretKeys.looksSecret(key), "\(key)")
    }
  }
}

/// A message that quotes a secret value never shows it, whatever else the file holds: a
/// certificate far longer than the message is skipped, the short token in it is masked.
@Suite struct SecretScrubTests {
  @Test func aMessageLosesEverySecretItQuotes() {
    let certificate = String(repeating: "MIIBkTCB+wIJAKHHIG", count: 20)
    let text = "machine:\n  token: q7fz2k.wd9x1m3v8c0p5nrt\n  ca:\n    key: \(certificate)\n"
    let spans = SecretSpans(YAMLParser.parse(Array(text.utf8)))
    let message = "token q7fz2k.wd9x1m3v8c0p5nrt is set twice, and so is q7fz2k.wd9x1m3v8c0p5nrt"
    #expect(spans.scrub(message) == "token ****** is set twice, and so is ******")
    #expect(spans.scrub("the key is \(certificate)") == "the key is ******")
    #expect(spans.scrub("nothing secret here") == "nothing secret here")
  }

  /// Values of four characters and more are scrubbed (shorter ones would mask ordinary
  /// words); each line of at least eight characters of a multi-line value is, on its own.
  @Test func shortValuesAndTheLinesOfLongOnes() {
    let text = "machine:\n  token: abcd\ncluster:\n  token: xyz\n  secret: |\n    first-line-of-it\n    short\n"
    let spans = SecretSpans(YAMLParser.parse(Array(text.utf8)))
    #expect(spans.scrub("abcd and xyz") == "****** and xyz")
    #expect(spans.scrub("see first-line-of-it, short") == "see ******, short")
  }

  /// Values of one length are replaced in a fixed order, so two that overlap in a message are
  /// scrubbed the same way every run (a Set's order, random per process, decided it before);
  /// a value's lines are its `\n`-separated parts, a CRLF not cut.
  @Test func overlappingValuesScrubTheSameWayEveryRun() {
    let text = "machine:\n  token: bcd12345\ncluster:\n  token: abcd1234\n  secret: \"one-line-here\\r\\nsame-line\\nsecond-line-x\"\n"
    let spans = SecretSpans(YAMLParser.parse(Array(text.utf8)))
    #expect(spans.scrub("xabcd12345y") == "x******5y")
    #expect(spans.scrub("see second-line-x") == "see ******")
    #expect(spans.scrub("see one-line-here") == "see one-line-here")
    #expect(spans.scrub("see same-line") == "see same-line")
  }
}
