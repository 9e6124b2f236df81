/// An IPv4 or IPv6 prefix such as `10.0.0.0/8` or `fd00::/8`, parsed strictly: a malformed
/// one in a firewall rule is a finding of its own.
public struct CIDR: Sendable, Equatable, CustomStringConvertible {
  /// The address as 16 bytes (IPv4 in the last 4).
  public var address: [UInt8]
  public var prefixLength: Int
  public var isIPv4: Bool

  /// Reads `address/length` byte by byte: a firewall rule's subnets are read for every
  /// `NetworkRuleConfig`, and splitting them as Characters cost 10,000–30,000 instructions each.
  public init?(_ text: String) {
    let bytes = Array(text.utf8)
    guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")), let length = Self.decimal(bytes[(slash + 1)...]) else { return nil }
    if let v4 = Self.ipv4(bytes[..<slash]) {
      guard length <= 32 else { return nil }
      address = [UInt8](repeating: 0, count: 12) + v4
      isIPv4 = true
    } else if let v6 = Self.ipv6(bytes[..<slash]) {
      guard length <= 128 else { return nil }
      address = v6
      isIPv4 = false
    } else {
      return nil
    }
    prefixLength = length
  }

  public var description: String {
    if isIPv4 { return address[12...].map(String.init).joined(separator: ".") + "/\(prefixLength)" }
    return stride(from: 0, to: 16, by: 2).map { String(Int(address[$0]) << 8 | Int(address[$0 + 1]), radix: 16) }
      .joined(separator: ":") + "/\(prefixLength)"
  }

  /// True when every address of this prefix lies inside `other`.
  public func isInside(_ other: CIDR) -> Bool {
    guard isIPv4 == other.isIPv4, prefixLength >= other.prefixLength else { return false }
    let offset = isIPv4 ? 96 : 0
    let bits = other.prefixLength + offset
    for bit in offset..<bits {
      let mask = UInt8(0x80) >> UInt8(bit % 8)
      if address[bit / 8] & mask != other.address[bit / 8] & mask { return false }
    }
    return true
  }

  /// True for `0.0.0.0/0` and `::/0`.
  public var isEverything: Bool { prefixLength == 0 }

  /// RFC 1918, RFC 4193, loopback and link-local ranges: addresses not reachable from the
  /// internet.
  public static let privateRanges: [CIDR] = [
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16",
    "fc00::/7", "::1/128", "fe80::/10",
  ].compactMap(CIDR.init)

  /// True when the whole prefix is private.
  public var isPrivate: Bool { Self.privateRanges.contains { isInside($0) } }

  /// ASCII digits as a number (capped: anything past a prefix length is too long anyway).
  private static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
    guard !digits.isEmpty else { return nil }
    var value = 0
    for byte in digits {
      guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
      value = min(value * 10 + Int(byte - UInt8(ascii: "0")), 1_000)
    }
    return value
  }

  private static func ipv4(_ text: ArraySlice<UInt8>) -> [UInt8]? {
    let octets = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    guard octets.count == 4 else { return nil }
    var bytes: [UInt8] = []
    for octet in octets {
      guard octet.count <= 3, let value = decimal(octet), value <= 255 else { return nil }
      bytes.append(UInt8(value))
    }
    return bytes
  }

  private static func ipv6(_ text: ArraySlice<UInt8>) -> [UInt8]? {
    guard text.contains(UInt8(ascii: ":")) else { return nil }
    let halves = Self.halves(text)
    guard halves.count <= 2 else { return nil }
    func groups(_ part: ArraySlice<UInt8>) -> [UInt8]? {
      if part.isEmpty { return [] }
      var bytes: [UInt8] = []
      let pieces = part.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
      for (index, piece) in pieces.enumerated() {
        if index == pieces.count - 1, piece.contains(UInt8(ascii: ".")), let v4 = ipv4(piece) {
          bytes += v4
          continue
        }
        guard !piece.isEmpty, piece.count <= 4, let value = UInt16(String(decoding: piece, as: UTF8.self), radix: 16) else { return nil }
        bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
      }
      return bytes
    }
    guard let head = groups(halves[0]) else { return nil }
    if halves.count == 1 { return head.count == 16 ? head : nil }
    guard let tail = groups(halves[1]), head.count + tail.count < 16 else { return nil }
    return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
  }

  /// The parts of an IPv6 address around each `::`, read left to right.
  private static func halves(_ text: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
    var result: [ArraySlice<UInt8>] = []
    var start = text.startIndex
    var index = text.startIndex
    while index + 1 < text.endIndex {
      if text[index] == UInt8(ascii: ":") && text[index + 1] == UInt8(ascii: ":") {
        result.append(text[start..<index])
        index += 2
        start = index
      } else {
        index += 1
      }
    }
    result.append(text[start...])
    return result
  }
}
