import FrenchFormatting
import OfficePackaging

/// A user's `.odt` template, read as untrusted input: a file from the internet may hold entries named `../x`, announce
/// a 1 TiB entry, unpack to gigabytes, be protected by a password or be some other document altogether. Every such
/// case is refused here with a French message naming the template, the part and the limit; what passes is a list of
/// plain relative parts, each read within `ZipLimits.template`.
enum TemplatePackage {
    typealias Part = (path: String, bytes: [UInt8], mediaType: String?)

    static let manifestNS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

    /// The parts of `bytes` (content.xml, styles.xml, pictures…), without `mimetype` and `META-INF/`, which are
    /// written anew at render time; with the media types its manifest gives them.
    static func parts(odt bytes: [UInt8], name: String, limits: ZipLimits = .template) throws(TemplateError) -> [Part] {
        func fail(_ part: String, _ message: String) -> TemplateError {
            TemplateError(.package, part: part.isEmpty ? name : name + " › " + part, message: message)
        }
        if bytes.isEmpty { throw fail("", "le fichier est vide (0 octet) : enregistrez le modèle au format .odt dans LibreOffice") }
        let reader: ZipReader
        do { reader = try ZipReader(bytes: bytes, limits: limits) } catch {
            throw fail("", "ce fichier n'est pas un document OpenDocument (.odt) lisible : \(error.message)")
        }
        var parts: [Part] = []
        do {
            if let mimetype = reader.entry(named: "mimetype") {
                guard mimetype.size <= 100 else { throw fail("mimetype", "type de document illisible") }
                let mt = String(decoding: try reader.read(mimetype), as: UTF8.self)
                if mt != ODFMediaType.text && mt != "application/vnd.oasis.opendocument.text-template" {
                    throw fail("mimetype", "ce document n'est pas un texte OpenDocument (type « \(ShortText.cut(mt, 60)) ») : enregistrez-le au format .odt")
                }
            }
            var mediaTypes: [String: String] = [:]
            if let manifest = reader.entry(named: "META-INF/manifest.xml") {
                let bytes = try reader.read(manifest)
                if containsEncryptionData(bytes) {
                    throw fail("META-INF/manifest.xml", "le document est protégé par un mot de passe : ouvrez-le dans LibreOffice et enregistrez-le sans mot de passe (Fichier › Propriétés › Sécurité)")
                }
                mediaTypes = manifestMediaTypes(bytes)
            }
            guard reader.entry(named: "content.xml") != nil else {
                let what = reader.entries.isEmpty ? "l'archive est vide" : "l'archive n'a pas de content.xml"
                throw fail("", "\(what) : ce n'est pas un document texte OpenDocument (enregistrez le modèle au format .odt)")
            }
            for e in reader.entries {
                if e.name == "mimetype" || e.name.hasSuffix("/") || e.name.hasPrefix("META-INF/") { continue }
                parts.append((e.name, try reader.read(e), mediaTypes[e.name]))
            }
        } catch let e as TemplateError {
            throw e
        } catch let e as ZipError {
            throw fail("", e.message)
        } catch {
            throw fail("", "lecture du document impossible")
        }
        return parts
    }

    /// LibreOffice encrypts each part of a protected document and describes it with `<manifest:encryption-data>`.
    static func containsEncryptionData(_ manifest: [UInt8]) -> Bool {
        let needle = Array("encryption-data".utf8)
        guard manifest.count >= needle.count else { return false }
        return (0...(manifest.count - needle.count)).contains { i in
            manifest[i] == needle[0] && manifest[i..<(i + needle.count)].elementsEqual(needle)
        }
    }

    static func manifestMediaTypes(_ bytes: [UInt8]) -> [String: String] {
        guard let doc = try? XMLDocument(bytes: bytes, part: "META-INF/manifest.xml"), let root = doc.root else { return [:] }
        var out: [String: String] = [:]
        for e in ODFMarkup.children(root) where ODFMarkup.isElement(e) {
            if let path = XMLNode.attribute(e, "full-path", namespace: manifestNS),
               let type = XMLNode.attribute(e, "media-type", namespace: manifestNS) {
                out[path] = type
            }
        }
        return out
    }
}
