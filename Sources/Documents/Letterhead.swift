// What the session documents share: the provider's letterhead (name, address, SIRET, activity declaration, logo),
// the signatory, the provider's images, and the French wording of statuses, natures and modalities.

import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

/// Why a session document could not be made.
public enum DocumentError: Error, CustomStringConvertible, Sendable {
    /// The logo or signature image named in the workbook cannot be read or is not a PNG/JPEG.
    case image(path: String, reason: String)
    /// The template could not be filled.
    case template(TemplateError)
    /// Writing the file failed, or a shipped template is missing.
    case package(String)
    /// The user's template file (`--template KIND=FILE`) cannot be read.
    case templateFile(String)

    public var description: String {
        switch self {
        case .image(let path, let reason): return "image « \(path) » : \(reason)"
        case .template(let e): return "modèle : \(e.description)"
        case .package(let m): return "écriture du document : \(m)"
        case .templateFile(let m): return "modèle : \(m)"
        }
    }
}

/// A picture placed in a document: its package part name, its bytes and its printed size.
public struct DocumentImage: Sendable, Equatable {
    /// `Pictures/logo.png`, `Pictures/signature.jpg`.
    public var part: String
    public var bytes: [UInt8]
    public var widthCm: Double
    public var heightCm: Double

    /// Reads a PNG or JPEG's pixel size from its header.
    public static func pixelSize(_ b: [UInt8]) -> (width: Int, height: Int)? {
        if b.count >= 24, b[0] == 0x89, b[1] == 0x50, b[2] == 0x4E, b[3] == 0x47 {
            func be32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
            let w = be32(16), h = be32(20)
            return w > 0 && h > 0 ? (w, h) : nil
        }
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 {
            var i = 2
            while i + 9 < b.count {
                guard b[i] == 0xFF else { i += 1; continue }
                let marker = b[i + 1]
                if marker == 0xFF { i += 1; continue }
                if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
                let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
                // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
                if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                    let h = Int(b[i + 5]) << 8 | Int(b[i + 6])
                    let w = Int(b[i + 7]) << 8 | Int(b[i + 8])
                    return w > 0 && h > 0 ? (w, h) : nil
                }
                if marker == 0xDA { return nil }
                i += 2 + length
            }
        }
        return nil
    }

    /// An image fitted in a box of `maxWidth` × `maxHeight` cm, keeping its proportions.
    public init(part stem: String, bytes: [UInt8], maxWidthCm: Double, maxHeightCm: Double, path: String) throws(DocumentError) {
        guard let (w, h) = DocumentImage.pixelSize(bytes) else {
            throw .image(path: path, reason: "ce n'est pas une image PNG ou JPEG lisible")
        }
        let isPNG = bytes.first == 0x89
        part = "Pictures/\(stem).\(isPNG ? "png" : "jpg")"
        self.bytes = bytes
        let ratio = Double(w) / Double(h)
        if ratio >= maxWidthCm / maxHeightCm { widthCm = maxWidthCm; heightCm = maxWidthCm / ratio }
        else { heightCm = maxHeightCm; widthCm = maxHeightCm * ratio }
    }

    /// `{href, width, height}` for a `draw:frame` / `draw:image`.
    var templateValue: TemplateValue {
        .object(["href": .string(part), "width": .string(Self.cm(widthCm)), "height": .string(Self.cm(heightCm))])
    }

    /// The picture for the template frames that show it.
    var picture: TemplatePicture {
        TemplatePicture(part: part, width: Self.cm(widthCm), height: Self.cm(heightCm))
    }

    static func cm(_ v: Double) -> String {
        let hundredths = Int((v * 100).rounded())
        let frac = hundredths % 100
        return "\(hundredths / 100)." + (frac < 10 ? "0" : "") + "\(frac)cm"
    }
}

/// The provider's logo and signature image, read once per workbook.
public struct ProviderImages: Sendable, Equatable {
    public var logo: DocumentImage?
    public var signature: DocumentImage?

    public init(logo: DocumentImage? = nil, signature: DocumentImage? = nil) { self.logo = logo; self.signature = signature }

    /// Reads `provider.logo` and `provider.signatureImage`, relative to the workbook's folder.
    public static func load(_ workbook: Workbook) throws(DocumentError) -> ProviderImages {
        func read(_ file: String?, stem: String, maxW: Double, maxH: Double) throws(DocumentError) -> DocumentImage? {
            guard let file, !file.isEmpty else { return nil }
            guard let path = WorkbookFiles.resolve(file, base: workbook.baseDirectory) else {
                throw .image(path: file, reason: "chemin relatif, mais le dossier du classeur est inconnu")
            }
            let bytes: [UInt8]
            // A logo is a few hundred KB: 20 MB is far beyond any real one, and every document would carry it.
            do { bytes = try WorkbookFiles.readAll(path, limit: 20 << 20) } catch {
                if case .unreadable(_, let reason) = error { throw .image(path: path, reason: reason) }
                throw .image(path: path, reason: error.description)
            }
            return try DocumentImage(part: stem, bytes: bytes, maxWidthCm: maxW, maxHeightCm: maxH, path: path)
        }
        return ProviderImages(logo: try read(workbook.provider.logo, stem: "logo", maxW: 3.2, maxH: 1.7),
                              signature: try read(workbook.provider.signatureImage, stem: "signature", maxW: 5.0, maxH: 2.2))
    }

    /// The parts to add to a package: the logo sits in every document's letterhead, the signature only where signed.
    public func parts(withSignature: Bool) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        if let logo { out[logo.part] = logo.bytes }
        if withSignature, let signature { out[signature.part] = signature.bytes }
        return out
    }
}

/// French wording shared by the documents.
public enum Wording {
    /// « Déclaration d'activité enregistrée sous le numéro 84 69 12345 69 auprès du préfet de région
    /// d'Auvergne-Rhône-Alpes » (« de » elided before a vowel or a mute h).
    public static func activityDeclaration(_ d: Provider.ActivityDeclaration) -> String {
        "Déclaration d'activité enregistrée sous le numéro \(d.number) auprès du préfet de région \(de(d.region))"
    }

    /// « de Bretagne », « d'Occitanie », « du Grand Est », « des Hauts-de-France »: the regions' own prepositions,
    /// else « d' » before a vowel and « de » otherwise.
    public static func de(_ name: String) -> String {
        let key = ParticipantOrder.key(name)
        if ["centrevaldeloire", "centre", "grandest"].contains(key) { return "du " + name }
        if ["hautsdefrance", "paysdelaloire"].contains(key) { return "des " + name }
        guard let first = name.unicodeScalars.first else { return "de" }
        let folded = Slug.fold(first).lowercased()
        return ["a", "e", "i", "o", "u", "y"].contains(folded) ? "d'" + name : "de " + name
    }

    /// « Je soussignée », « Je soussigné », « Je soussigné(e) ».
    public static func soussigne(_ c: Civility?) -> String {
        switch c { case .mme: return "Je soussignée"; case .m: return "Je soussigné"; case nil: return "Je soussigné(e)" }
    }

    /// « représentante légale » / « représentant légal » (the model's wording when the civility is unknown).
    public static func legalRepresentative(_ c: Civility?) -> String {
        c == .mme ? "représentante légale" : "représentant légal"
    }

    /// « Mme Léa N'Diaye », or the name alone without civility.
    public static func civilityName(_ p: Participant) -> String {
        guard let c = p.civility else { return p.fullName }
        return c.rawValue + " " + p.fullName
    }

    /// Status as a short label: attendance sheets (« salariée », « bénévole », « membre du CA »).
    public static func statusShort(_ s: ParticipantStatus?, _ c: Civility?) -> String {
        switch s {
        case .employee: return c == .mme ? "salariée" : c == .m ? "salarié" : "salarié·e"
        case .volunteer: return "bénévole"
        case .boardMember: return "membre du CA"
        case nil: return ""
        }
    }

    /// The certificate's « salarié(e) de l'entreprise … » line adapted to the participant: the words before the
    /// organisation's name (« salariée de l'association », « bénévole de l'association », « membre du conseil
    /// d'administration de l'association », « au titre de l'association » when the status is unknown).
    public static func statusPrefix(_ s: ParticipantStatus?, _ c: Civility?) -> String {
        switch s {
        case .employee: return (c == .mme ? "salariée" : c == .m ? "salarié" : "salarié(e)") + " de l'association"
        case .volunteer: return "bénévole de l'association"
        case .boardMember: return "membre du conseil d'administration de l'association"
        case nil: return "au titre de l'association"
        }
    }

    public static func nature(_ n: CourseNature) -> String {
        switch n {
        case .actionDeFormation: return "Action de formation (article L6313-1 du Code du travail)"
        case .bilanDeCompetences: return "Bilan de compétences (article L6313-1 du Code du travail)"
        case .vae: return "Action permettant de faire valider les acquis de l'expérience (article L6313-1 du Code du travail)"
        case .apprentissage: return "Action de formation par apprentissage (article L6313-1 du Code du travail)"
        }
    }

    public static func modality(_ m: Modality) -> String {
        switch m {
        case .onsite: return "Présentiel"
        case .remote: return "À distance"
        case .mixed: return "Mixte : présentiel et à distance"
        }
    }

    public static func result(_ r: LearningResult?) -> String {
        switch r {
        case .acquired: return "Acquis"
        case .inProgress: return "En cours d'acquisition"
        case .notAcquired: return "Non acquis"
        case nil: return "Non évalué"
        }
    }

    /// « 9 h 00 – 12 h 30 ».
    public static func times(_ h: Session.HalfDay) -> String { French.time(h.start) + " – " + French.time(h.end) }

    /// « du 9 mars 2026 au 16 mars 2026 », « le 9 mars 2026 » for a single day.
    public static func dateRange(_ session: Session) -> String {
        guard let (a, b) = HoursRealised.dates(of: session) else { return "" }
        return a == b ? "le " + French.longDate(a) : "du " + French.longDate(a) + " au " + French.longDate(b)
    }

    /// The distinct training days, in order.
    public static func days(_ session: Session) -> [LocalDate] {
        Array(Set(session.halfDays.map(\.date))).sorted()
    }

    /// « Maison des associations, … (présentiel) ; à distance : Visio (salle …) » according to the half-days held.
    public static func place(_ session: Session, halfDays: [Session.HalfDay]? = nil) -> String {
        let list = halfDays ?? session.halfDays
        let onsite = list.contains { $0.modality == .onsite }
        let remote = list.contains { $0.modality == .remote }
        var parts: [String] = []
        if onsite { parts.append((session.location ?? "lieu à préciser") + (remote ? " (présentiel)" : "")) }
        if remote { parts.append("à distance : " + (session.remoteTool ?? "outil à préciser")) }
        var s = typo(parts.joined(separator: " ; "))
        if let f = s.first, f == "à" { s = "À" + s.dropFirst() }
        return s
    }

    /// « 9 et 16 mars 2026 », « 30 mars, 2 et 7 avril 2026 », « 29 décembre 2025 et 5 janvier 2026 ».
    public static func dayList(_ days: [LocalDate]) -> String {
        func joined(_ items: [String]) -> String {
            items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " et " + items.last!
        }
        guard let first = days.first, days.allSatisfy({ $0.year == first.year }) else {
            return joined(days.map { French.longDate($0) })
        }
        // Group consecutive days of the same month: « 9 et 16 mars » then the year once.
        var groups: [(month: Int, days: [String])] = []
        for d in days {
            let label = d.day == 1 ? "1er" : String(d.day)
            if let last = groups.last, last.month == d.month { groups[groups.count - 1].days.append(label) }
            else { groups.append((d.month, [label])) }
        }
        let parts = groups.map { joined($0.days) + " " + French.monthNames[$0.month - 1] }
        let text = groups.last!.days.count == 1 ? joined(parts) : parts.joined(separator: ", ")
        return text + " \(first.year)"
    }

    /// French typography for text taken from the workbook: a no-break space inside « guillemets » and before « : »,
    /// a narrow no-break space before « ; ? ! », so that punctuation never starts a line.
    public static func typo(_ s: String) -> String {
        guard s.contains(where: { $0 == "«" || $0 == "»" || $0 == ":" || $0 == ";" || $0 == "?" || $0 == "!" }) else { return s }
        let chars = Array(s)
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if c == " ", let next, next == "»" || next == ":" { out.append("\u{A0}"); i += 1; continue }
            if c == " ", let next, next == ";" || next == "?" || next == "!" { out.append("\u{202F}"); i += 1; continue }
            out.append(c)
            i += 1
            if c == "«" {
                while i < chars.count, chars[i] == " " { i += 1 }
                out.append("\u{A0}")
            }
        }
        return out
    }

    /// Upper-cases the first letter: « lundi 9 mars 2026 » → « Lundi 9 mars 2026 ».
    public static func capitalized(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.uppercased() + s.dropFirst()
    }
}

/// The context entries every session document shares (`provider`, `course`, `session`, `signatory`, `issue`,
/// `action`). Built once per workbook; the document generators add their own keys.
enum SessionContext {
    /// The fields every session document offers (letterhead, course, session, signatory, issue).
    static let commonFields: [FieldDoc] = [
        .group("provider", "l'organisme de formation", [
            .value("name", "raison sociale", example: "Cap Utilité Formation"),
            .value("address", "adresse"), .value("siret", "SIRET"),
            .value("declaration", "« Déclaration d'activité enregistrée sous le numéro … auprès du préfet de région de … »"),
            .value("declarationNumber", "numéro de déclaration d'activité"), .value("declarationRegion", "région"),
            .value("signatory.name", "nom du signataire"), .value("signatory.title", "qualité du signataire"),
            .flag("logo", "un logo est fourni : le cadre d'image nommé « Logo » reçoit l'image"),
            .flag("signature", "une image de signature est fournie (attestation, certificat) : cadre nommé « Signature »"),
        ]),
        .value("course.title", "intitulé exact de l'action"),
        .list("course.objectives", "objectifs pédagogiques", [.value("id", "code"), .value("text", "énoncé")]),
        .value("session.reference", "référence de session", example: "PS-2026-03"),
        .group("action", "l'action, en toutes lettres", [
            .value("nature", "nature", example: "Action de formation (article L6313-1 du Code du travail)"),
            .value("modality", "modalité", example: "Mixte : présentiel et à distance"),
            .value("dates", "dates", example: "du 9 mars 2026 au 16 mars 2026 (2 journées : 9 et 16 mars 2026)"),
            .value("place", "lieu et/ou outil à distance"), .value("planned", "durée prévue", example: "14 heures (14 h 00)"),
            .value("sponsors", "associations commanditaires"),
        ]),
        .group("dates", "première et dernière date", [.value("from", "JJ/MM/AAAA"), .value("to", "JJ/MM/AAAA")]),
        .group("signatory", "accords du signataire", [
            .value("soussigne", "« Je soussignée », « Je soussigné » ou « Je soussigné(e) »"),
            .value("representant", "« représentante légale » ou « représentant légal »"),
        ]),
        .group("issue", "lieu et date de délivrance (session.certificates)", [
            .value("place", "lieu"), .value("longDate", "« 17 mars 2026 »"), .value("shortDate", "« 17/03/2026 »"),
        ]),
    ]

    static func base(_ wb: Workbook, images: ProviderImages, withSignature: Bool) -> [String: TemplateValue] {
        let p = wb.provider
        var provider: [String: TemplateValue] = [
            "name": .string(p.name), "address": .string(p.address), "siret": .string(p.siret),
            "declaration": .string(Wording.activityDeclaration(p.activityDeclaration)),
            "declarationNumber": .string(p.activityDeclaration.number), "declarationRegion": .string(p.activityDeclaration.region),
            "signatory": .object(["name": .string(p.signatory.name), "title": .string(p.signatory.title)]),
            "logo": images.logo?.templateValue ?? .null,
            "signature": .null,
        ]
        if withSignature, let s = images.signature { provider["signature"] = s.templateValue }

        let c = wb.course
        let course: TemplateValue = .object([
            "title": .string(Wording.typo(c.title)), "plannedHours": .number(c.plannedHours),
            "objectives": .list(c.objectives.map { .object(["id": .string($0.id), "text": .string(Wording.typo($0.text))]) }),
        ])
        let organizations = Set(wb.participants.map(\.organization))
        let sponsors = wb.organizations.filter { organizations.contains($0.id) }.map { Wording.typo($0.name) }

        let cert = wb.session.certificates
        let blank = "……………………"
        let dates = HoursRealised.dates(of: wb.session)
        let days = Wording.days(wb.session)
        var datesText = Wording.dateRange(wb.session)
        if days.count > 1 { datesText += " (\(days.count) journées : " + Wording.dayList(days) + ")" }
        let plannedMinutes = French.wholeMinutes(c.plannedHours * 60)
        return [
            "provider": .object(provider),
            "course": course,
            "session": .object(["reference": .string(wb.session.reference)]),
            "signatory": .object(["soussigne": .string(Wording.soussigne(p.signatory.civility)),
                                  "representant": .string(Wording.legalRepresentative(p.signatory.civility))]),
            "issue": .object([
                "place": .string(cert?.place ?? blank),
                "longDate": .string(cert?.date.map { French.longDate($0) } ?? blank),
                "shortDate": .string(cert?.date.map { French.shortDate($0) } ?? blank),
            ]),
            "dates": .object(["from": .string(dates.map { French.shortDate($0.first) } ?? ""),
                              "to": .string(dates.map { French.shortDate($0.last) } ?? "")]),
            "action": .object([
                "nature": .string(Wording.nature(c.nature)),
                "modality": .string(Wording.modality(c.modality)),
                "dates": .string(datesText),
                "place": .string(Wording.place(wb.session)),
                "planned": .string(French.hours(c.plannedHours) + " (" + French.duration(minutes: plannedMinutes) + ")"),
                "sponsors": .string(sponsors.isEmpty ? "—" : sponsors.joined(separator: ", ")),
            ]),
        ]
    }
}
