/// An IPv4 or IPv6 prefix such as `10.0.0.0/8` or `fd00::/8`, parsed strictly: a malformed
/// one in a firewall rule is a finding of its own.
public struct CIDR: Sendable, Equatable, CustomStringConvertible {
  /// The address as 16 bytes (IPv4 in the last 4).
  public var address: [UInt8]
  public var prefixLength: Int
  public var isIPv4: Bool

  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let length = Int(parts[1]), parts[1].allSatisfy(\.isNumber) else { return nil }
    if let v4 = Self.ipv4(parts[0]) {
      guard length <= 32 else { return nil }
      address = Array(repeating: 0, count: 12) + v4
      isIPv4 = true
    } else if let v6 = Self.ipv6(parts[0]) {
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

  private static func ipv4(_ text: Substring) -> [UInt8]? {
    let octets = text.split(separator: ".", omittingEmptySubsequences: false)
    guard octets.count == 4 else { return nil }
    var bytes: [UInt8] = []
    for octet in octets {
      guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isNumber), let value = UInt8(octet) else { return nil }
      bytes.append(value)
    }
    return bytes
  }

  private static func ipv6(_ text: Substring) -> [UInt8]? {
    guard text.contains(":") else { return nil }
    let halves = text.components(separatedBy: "::")
    guard halves.count <= 2 else { return nil }
    func groups(_ part: String) -> [UInt8]? {
      if part.isEmpty { return [] }
      var bytes: [UInt8] = []
      let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
      for (index, piece) in pieces.enumerated() {
        if index == pieces.count - 1, piece.contains("."), let v4 = ipv4(piece) {
          bytes += v4
          continue
        }
        guard !piece.isEmpty, piece.count <= 4, let value = UInt16(piece, radix: 16) else { return nil }
        bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
      }
      return bytes
    }
    guard let head = groups(halves[0]) else { return nil }
    if halves.count == 1 { return head.count == 16 ? head : nil }
    guard let tail = groups(halves[1]), head.count + tail.count < 16 else { return nil }
    return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
  }
}

extension Substring {
  fileprivate func components(separatedBy separator: String) -> [String] {
    var result: [String] = []
    var rest = self[...]
    while let range = rest.firstRange(of: separator) {
      result.append(String(rest[..<range.lowerBound]))
      rest = rest[range.upperBound...]
    }
    result.append(String(rest))
    return result
  }
}
