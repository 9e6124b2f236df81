import TalintYAML

/// Which key names hold secret material, judged by name alone: every field Talos redacts
/// (SecretFields) and anything that looks like it (`token`, `key`, `secret`, `password`,
/// `privateKey`, `*Secret`, registry `auth`, `AWS_SECRET_ACCESS_KEY`, `oidc-client-secret`).
/// Output masks the values under such keys; it errs on the side of masking, since a masked
/// non-secret costs a little context and a printed secret costs a rotation.
public enum SecretKeys {
  /// Last words that make a key secret when they end it (`jointoken`, `clusterSecret`).
  static let secretSuffixes = ["token", "secret", "password", "passwd", "passphrase", "credentials"]

  public static func looksSecret(_ name: String) -> Bool {
    guard mayLookSecret(name) else { return false }
    let words = Self.words(name)
    guard let last = words.last else { return false }
    if words == ["auth"] { return true }
    // `key`, `privateKey`, `apiKey`, `presharedKey`, `AWS_SECRET_ACCESS_KEY`; not `publicKey`.
    if last == "key" { return words.dropLast().last != "public" }
    return secretSuffixes.contains { last.hasSuffix($0) }
  }

  /// Every secret-looking name ends with one of these (any case): a byte test that rules out
  /// almost every key before the words are split (a mapping may hold a million keys).
  static let endings: [[UInt8]] = ["key", "token", "secret", "password", "passwd", "passphrase", "credentials", "auth"].map { Array($0.utf8) }
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

  /// The lowercased words of a key: split at `-`, `_`, `.`, blanks and lower-to-upper case
  /// changes (`identityToken` → identity, token).
  static func words(_ name: String) -> [String] {
    if name.isASCII { return asciiWords(name) }
    var words: [String] = []
    var current = ""
    var previousWasLower = false
    for scalar in name.unicodeScalars {
      if scalar == "-" || scalar == "_" || scalar == "." || scalar == " " {
        if !current.isEmpty { words.append(current) }
        current = ""
        previousWasLower = false
        continue
      }
      let isUpper = scalar.properties.isUppercase
      if isUpper && previousWasLower && !current.isEmpty {
        words.append(current)
        current = ""
      }
      current.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
      previousWasLower = scalar.properties.isLowercase || ("0"..."9").contains(scalar)
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  /// `words` for an ASCII name (nearly every key), on bytes: the same splits, no Unicode tables.
  private static func asciiWords(_ name: String) -> [String] {
    var words: [String] = []
    var current: [UInt8] = []
    var previousWasLower = false
    for byte in name.utf8 {
      if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: " ") {
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        current.removeAll(keepingCapacity: true)
        previousWasLower = false
        continue
      }
      let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
      if isUpper && previousWasLower && !current.isEmpty {
        words.append(String(decoding: current, as: UTF8.self))
        current.removeAll(keepingCapacity: true)
      }
      current.append(isUpper ? byte | 0x20 : byte)
      previousWasLower = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
    if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
    return words
  }
}
