import TalintYAML

/// Which key names hold secret material, judged by name alone: every field Talos redacts
/// (SecretFields) and anything that looks like it (`token`, `key`, `secret`, `password`,
/// `privateKey`, `*Secret`, `*Auth`, `AWS_SECRET_ACCESS_KEY`, `oidc-client-secret`), in any
/// case and with or without separators (`APIKEY`, `PassWord`, `sshprivatekey`). Output masks
/// the values under such keys; it errs on the side of masking, since a masked non-secret costs
/// a little context and a printed secret costs a rotation.
public enum SecretKeys {
  /// Endings that make a key secret (`jointoken`, `clusterSecret`, `BasicAuth`), compared with
  /// the key lowercased and without separators, so that no spelling of a word escapes.
  static let secretSuffixes = ["key", "token", "secret", "password", "passwd", "passphrase", "credentials", "auth"]
  /// Names with a secret ending that hold none: a public key, the Kubernetes and etcd
  /// on/off switches named `…-auth` (`anonymous-auth`, `client-cert-auth`,
  /// `enable-bootstrap-token-auth`), whose `true` or `false` the rules report on and fixes edit,
  /// and a pod's `topologyKey`, which names a node label.
  static let publicSuffixes = ["publickey", "anonymousauth", "certauth", "tokenauth", "topologykey"]

  /// A key named `key` in a mapping that also holds `effect` or `operator` — a taint, a
  /// toleration, a label selector requirement — holds a label key (`node-role.kubernetes.io/…`),
  /// not key material. Every masker asks this beside `looksSecret` where it sees the mapping.
  public static func namesLabelKey(_ name: String, in mapping: NodeID, of document: YAMLDocument) -> Bool {
    guard name.utf8.count == 3, compact(name) == "key" else { return false }
    return document.value(forKey: "effect", in: mapping) != nil || document.value(forKey: "operator", in: mapping) != nil
  }

  public static func looksSecret(_ name: String) -> Bool {
    guard mayLookSecret(name) else { return false }
    let compact = Self.compact(name)
    return secretSuffixes.contains { compact.hasSuffix($0) } && !publicSuffixes.contains { compact.hasSuffix($0) }
  }

  /// A key lowercased, without the separators `-`, `_`, `.` and blanks: `AWS_SECRET_ACCESS_KEY`
  /// → `awssecretaccesskey`.
  static func compact(_ name: String) -> String {
    if name.isASCII {
      var bytes: [UInt8] = []
      bytes.reserveCapacity(name.utf8.count)
      for byte in name.utf8 where !Self.isSeparator(byte) {
        bytes.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    return String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter { $0.isASCII ? !Self.isSeparator(UInt8($0.value)) : true }))
  }

  private static func isSeparator(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: " ")
  }

  /// Every secret-looking name ends with one of these (any case): a byte test that rules out
  /// almost every key before it is compacted (a mapping may hold a million keys).
  static let endings: [[UInt8]] = secretSuffixes.map { Array($0.utf8) }
  /// `endings` by their last letter (`& 31`, so either case): a key is compared only with the
  /// one or two endings its own last letter allows (most keys' last letter allows none).
  private static let endingsByLastLetter: [[[UInt8]]] = (0..<32).map { letter in endings.filter { Int($0.last! & 31) == letter } }

  static func mayLookSecret(_ name: String) -> Bool {
    var name = name
    return name.withUTF8 { mayLookSecret(bytes: $0) }
  }

  /// The same test on a key's bytes as the parser stores them (no string made).
  public static func mayLookSecret<Bytes: RandomAccessCollection>(bytes: Bytes) -> Bool where Bytes.Element == UInt8, Bytes.Index == Int {
    guard let last = bytes.last, last | 0x20 >= UInt8(ascii: "a"), last | 0x20 <= UInt8(ascii: "z") else { return false }
    for ending in endingsByLastLetter[Int(last & 31)] where bytes.count >= ending.count {
      let start = bytes.endIndex - ending.count
      var matches = true
      for offset in 0..<ending.count where bytes[start + offset] | 0x20 != ending[offset] {
        matches = false
        break
      }
      if matches { return true }
    }
    return false
  }
}
