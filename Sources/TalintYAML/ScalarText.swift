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
