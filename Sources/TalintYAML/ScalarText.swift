extension Array where Element == UInt8 {
  /// The UTF-8 encoding of `scalars`. Code that edits text scalar by scalar (template masking,
  /// `$$` unescaping, secret masking) turns the result back into text through this: the
  /// standard library's `String.UnicodeScalarView(_:)` appends one scalar at a time through
  /// unspecialized generic code, 180,000 instructions for one template file.
  @inlinable
  public init(utf8Of scalars: some Collection<Unicode.Scalar>) {
    self.init()
    reserveCapacity(scalars.count)
    for scalar in scalars { UTF8.encode(scalar) { append($0) } }
  }
}

extension String {
  /// The text of `scalars` (see `[UInt8](utf8Of:)` for why not `String.UnicodeScalarView`).
  @inlinable
  public init(scalars: some Collection<Unicode.Scalar>) {
    self.init(decoding: [UInt8](utf8Of: scalars), as: UTF8.self)
  }
}

extension Array where Element == Unicode.Scalar {
  /// The Unicode scalars of UTF-8 `bytes`, as `String(decoding:as:)` reads them (an ill-formed
  /// sequence is U+FFFD). Text that is all ASCII, most of it, maps byte for byte: decoding it
  /// through `String.unicodeScalars` counted the scalars in one pass and copied them in another.
  @inlinable
  public init(scalarsOf bytes: some Collection<UInt8>) {
    let ascii = bytes.withContiguousStorageIfAvailable { buffer -> [Unicode.Scalar]? in
      buffer.allSatisfy { $0 < 0x80 } ? buffer.map { Unicode.Scalar($0) } : nil
    }
    if let ascii, let ascii {
      self = ascii
    } else {
      self = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
    }
  }
}
