/// A picture placed into the frames of a template that carry a given name (`draw:name="Logo"`): the frame takes
/// the picture's size and its image the picture's part. Frame names survive a restyling in LibreOffice, so a user's
/// template receives the picture the same way as the shipped one.
public struct TemplatePicture: Sendable, Equatable {
    /// The package part holding the picture (`Pictures/logo.png`), added to each rendered document by the caller.
    public var part: String
    /// ODF lengths (`3.20cm`).
    public var width: String
    public var height: String
    public init(part: String, width: String, height: String) { self.part = part; self.width = width; self.height = height }
}

/// How a template is prepared when it is loaded. Everything here is applied while compiling the libxml2 tree of
/// each part: values are inserted as text and attribute values, never read again as markup or markers.
public struct TemplateLoadOptions: Sendable {
    /// Drop white space between elements outside paragraphs and headings (where ODF gives it no meaning): fewer
    /// bytes to fill and compress for every page.
    public var compactWhitespace = false
    /// Frame name → the picture it shows.
    public var pictureFrames: [String: TemplatePicture] = [:]
    /// When set, `styles.xml` (headers and footers) is filled once with this context at load and becomes a fixed
    /// part, compressed once for every document rendered from the template.
    public var stylesContext: TemplateValue? = nil
    public init(compactWhitespace: Bool = false, pictureFrames: [String: TemplatePicture] = [:], stylesContext: TemplateValue? = nil) {
        self.compactWhitespace = compactWhitespace; self.pictureFrames = pictureFrames; self.stylesContext = stylesContext
    }
}
