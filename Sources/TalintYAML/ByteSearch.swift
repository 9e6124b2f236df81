#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension UInt8 {
  /// A space or a tab: the blanks YAML trims around values and comments.
  public var isBlank: Bool { self == 0x20 || self == 0x09 }
}

extension UnsafeBufferPointer where Element == UInt8 {
  /// `range` without its leading and trailing blanks.
  public func trimmingBlanks(_ range: Range<Int>) -> Range<Int> {
    var (start, end) = (range.lowerBound, range.upperBound)
    while start < end && self[start].isBlank { start += 1 }
    while end > start && self[end - 1].isBlank { end -= 1 }
    return start..<end
  }

  /// Where `byte` first occurs at or after `start`, found with `memchr`.
  public func firstIndex(ofByte byte: UInt8, from start: Int) -> Int? {
    guard let base = baseAddress, start < count, let hit = memchr(base + start, Int32(byte), count - start) else { return nil }
    return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
  }

  /// Where `pattern` first occurs at or after `start`: `memchr` finds candidates for the
  /// pattern's byte at `anchor` at memory speed, `memcmp` checks them. The first byte suits
  /// most searches; a marker looked for in a whole file is best found by a byte that is rare
  /// in YAML (the `=` of `talos-version=`, not its `t`).
  public func firstRange(of pattern: UnsafeBufferPointer<UInt8>, from start: Int = 0, anchor: Int = 0) -> Range<Int>? {
    guard let base = baseAddress, let pinBase = pattern.baseAddress, pattern.indices.contains(anchor), start >= 0, start <= count - pattern.count
    else { return nil }
    let last = count - pattern.count
    var from = start
    while from <= last {
      guard let hit = memchr(base + from + anchor, Int32(pinBase[anchor]), last - from + 1) else { return nil }
      let offset = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base - anchor
      if memcmp(base + offset, pinBase, pattern.count) == 0 { return offset..<offset + pattern.count }
      from = offset + 1
    }
    return nil
  }

  /// True when any byte is `a` or `b`, found with `memchr` at memory speed: the secret scans
  /// ask this of every scalar of every file (`@` of a URL's userinfo, `=` of a query).
  public func containsByte(_ a: UInt8, or b: UInt8) -> Bool {
    guard let base = baseAddress else { return false }
    return memchr(base, Int32(a), count) != nil || memchr(base, Int32(b), count) != nil
  }
}

extension String {
  /// True when every byte is ASCII: then bytes and Characters split a text alike (but for
  /// CRLF), and the byte-level readers are exact.
  public var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }

  /// Where `needle` first occurs, in UTF-8 offsets, searching the bytes (`memchr`, `memcmp`): the
  /// linter's searches are for ASCII markers (`://`, ` #`, `{{`), where this is exact and far
  /// cheaper than Unicode-aware string searching.
  public func byteRange(of needle: String, from start: Int = 0) -> Range<Int>? {
    var haystack = self
    var pattern = needle
    return haystack.withUTF8 { hay in pattern.withUTF8 { hay.firstRange(of: $0, from: start) } }
  }

  /// True when `needle` occurs, by bytes.
  public func containsBytes(_ needle: String) -> Bool { byteRange(of: needle) != nil }

  /// The string with every occurrence of `needle` replaced, by bytes.
  public func replacingBytes(_ needle: String, with replacement: String) -> String {
    guard var range = byteRange(of: needle) else { return self }
    let bytes = Array(utf8)
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var position = 0
    while true {
      result += bytes[position..<range.lowerBound]
      result += replacement.utf8
      position = range.upperBound
      guard let next = byteRange(of: needle, from: position) else { break }
      range = next
    }
    result += bytes[position...]
    return String(decoding: result, as: UTF8.self)
  }
}
