/// A finding's message as a rule writes it: talint's own words (the string literal) and the
/// parts interpolated into it. Only interpolated parts can carry text from the input — a key,
/// a value, a path — so only they are scrubbed of secret values: a secret `password: secret`
/// must not turn "move it to a secret store" into "move it to a ****** store".
public struct Message: ExpressibleByStringInterpolation, Sendable {
  public private(set) var text = ""
  /// The interpolated parts of `text`, as UTF-8 offsets.
  public private(set) var interpolated: [Range<Int>] = []

  public init(stringLiteral value: String) { text = value }

  public init(stringInterpolation: Interpolation) { self = stringInterpolation.message }

  /// A message that is all input (or of unknown origin): scrubbed as a whole.
  public init(input text: String) {
    self.text = text
    interpolated = [0..<text.utf8.count]
  }

  public struct Interpolation: StringInterpolationProtocol {
    var message = Message()

    public init(literalCapacity: Int, interpolationCount: Int) {}

    public mutating func appendLiteral(_ literal: String) { message.text += literal }

    public mutating func appendInterpolation(_ value: some Any) {
      let start = message.text.utf8.count
      message.text += "\(value)"
      message.interpolated.append(start..<message.text.utf8.count)
    }
  }

  private init() {}
}
