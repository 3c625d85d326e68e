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

    /// « OPCO Cohésion sociale, dossier n° CS-2026-048812 », or the funder's name alone; nil without a funder.
    public static func funding(_ f: Funder?) -> String? {
        guard let f, !f.name.isEmpty else { return nil }
        return f.name + (f.fileNumber.map { ", dossier n°\u{A0}" + $0 } ?? "")
    }

    /// The attendance sheet's funding line: every funder of the session and of its trainees, with their file numbers
    /// (« Financements : FDVA …, dossier n° … ; OPCO …, dossier n° … »), or "" when the workbook names none.
    public static func fundingNote(_ wb: Workbook) -> String {
        var seen: [String] = []
        for f in [wb.session.funder] + wb.participants.map(\.funder) {
            if let line = funding(f), !seen.contains(line) { seen.append(line) }
        }
        guard !seen.isEmpty else { return "" }
        return " " + (seen.count > 1 ? "Financements\u{A0}: " : "Financement\u{A0}: ") + seen.joined(separator: "\u{202F}; ") + "."
    }

    /// « Je soussignée », « Je soussigné », « Je soussigné·e ».
    public static func soussigne(_ c: Civility?) -> String {
        switch c { case .mme: return "Je soussignée"; case .m: return "Je soussigné"; case nil: return "Je soussigné·e" }
    }

    /// « représentante légale », « représentant légal », « représentant·e légal·e ».
    public static func legalRepresentative(_ c: Civility?) -> String {
        switch c { case .mme: return "représentante légale"; case .m: return "représentant légal"; case nil: return "représentant·e légal·e" }
    }

    /// The signatory's civility: the workbook's, else the one their title says (« Directrice, représentante
    /// légale » is a woman's title, « Gérant » a man's), else nil.
    public static func civility(of s: Provider.Signatory) -> Civility? {
        s.civility ?? civility(ofTitle: s.title)
    }

    /// Reads the grammatical gender of a job title: feminine and masculine forms of the usual titles.
    public static func civility(ofTitle title: String) -> Civility? {
        let words = title.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        let feminine = ["directrice", "présidente", "gérante", "représentante", "fondatrice", "administratrice",
                        "coordinatrice", "déléguée", "générale", "trésorière", "secrétaire générale", "formatrice", "cogérante"]
        let masculine = ["directeur", "président", "gérant", "représentant", "fondateur", "administrateur",
                         "coordinateur", "délégué", "trésorier", "formateur", "cogérant"]
        let f = words.contains { feminine.contains($0) }, m = words.contains { masculine.contains($0) }
        return f == m ? nil : (f ? .mme : .m)
    }

    /// « formateur », « formatrice », « formateur·rice » for one trainer; for several, « formatrices » when all are
    /// women, else « formateur·rices » unless all are men.
    public static func trainerNoun(_ trainers: [Session.Trainer]) -> String {
        let civilities = Set(trainers.map(\.civility))
        let plural = trainers.count > 1
        if civilities == [.mme] { return plural ? "formatrices" : "formatrice" }
        if civilities == [.m] { return plural ? "formateurs" : "formateur" }
        return plural ? "formateur·rices" : "formateur·rice"
    }

    /// « le formateur », « la formatrice », « le·la formateur·rice », « les formatrices »…
    public static func theTrainer(_ trainers: [Session.Trainer]) -> String {
        let noun = trainerNoun(trainers)
        if trainers.count > 1 { return "les " + noun }
        switch trainers.first?.civility { case .mme?: return "la " + noun; case .m?: return "le " + noun; default: return "le·la " + noun }
    }

    /// « par le formateur », « par la formatrice »… (« de » + « le » contracted for « du »).
    public static func byTheTrainer(_ trainers: [Session.Trainer]) -> String { "par " + theTrainer(trainers) }

    /// « du formateur », « de la formatrice », « des formatrices », « du·de la formateur·rice ».
    public static func ofTheTrainer(_ trainers: [Session.Trainer]) -> String {
        let the = theTrainer(trainers)
        if the.hasPrefix("les ") { return "des " + the.dropFirst(4) }
        if the.hasPrefix("le·la ") { return "du·de la " + the.dropFirst(6) }
        if the.hasPrefix("le ") { return "du " + the.dropFirst(3) }
        return "de " + the
    }

    /// « au formateur », « à la formatrice », « aux formatrices », « au·à la formateur·rice ».
    public static func toTheTrainer(_ trainers: [Session.Trainer]) -> String {
        let the = theTrainer(trainers)
        if the.hasPrefix("les ") { return "aux " + the.dropFirst(4) }
        if the.hasPrefix("le·la ") { return "au·à la " + the.dropFirst(6) }
        if the.hasPrefix("le ") { return "au " + the.dropFirst(3) }
        return "à " + the
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
        case .employee: return (c == .mme ? "salariée" : c == .m ? "salarié" : "salarié·e") + " de l'association"
        case .volunteer: return "bénévole de l'association"
        case .boardMember: return "membre du conseil d'administration de l'association"
        case nil: return "au titre de l'association"
        }
    }

    /// The attestation's line under the name: « Coordinatrice, salariée de l'association X »; when the role already
    /// says the status (« Bénévole référente », « Tuteur bénévole »), the role alone before the association:
    /// « Bénévole référente de l'association X », never « Bénévole référente, bénévole de l'association X ».
    public static func roleLine(role: String?, status: ParticipantStatus?, civility: Civility?, organization: String) -> String {
        let statusLine = statusPrefix(status, civility) + " " + organization
        guard let role, !role.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) else { return statusLine }
        let roleWords = Set(role.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        let statusWord: String?
        switch status {
        case .volunteer: statusWord = "bénévole"
        case .employee: statusWord = roleWords.contains("salariée") ? "salariée" : "salarié"
        case .boardMember, nil: statusWord = nil
        }
        if let statusWord, roleWords.contains(statusWord) { return role + " de l'association " + organization }
        return role + ", " + statusLine
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

    /// French typography for text taken from the workbook (`French.typeset`: no-break spaces around « » : ; ? !,
    /// non-breaking hyphens in codes, a number kept with its unit).
    public static func typo(_ s: String) -> String { French.typeset(s) }

    /// Each association's name by id, typeset as every document prints it (« L'Épi solidaire » kept with its
    /// guillemets at a line end).
    public static func organizationNames(_ wb: Workbook) -> [String: String] {
        Dictionary(wb.organizations.map { ($0.id, typo($0.name)) }, uniquingKeysWith: { a, _ in a })
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
            .value("soussigne", "« Je soussignée », « Je soussigné » ou « Je soussigné·e » (civilité du signataire, ou à défaut celle que dit sa fonction)"),
            .value("representant", "« représentante légale », « représentant légal » ou « représentant·e légal·e »"),
        ]),
        .group("trainer", "accords selon la civilité des formateur·rices de la session", [
            .value("noun", "« formatrice », « formateur », « formateur·rice », « formatrices »…"),
            .value("label", "le même avec une majuscule : « Formatrice »"),
            .value("the", "« la formatrice », « le formateur »…"), .value("of", "« de la formatrice », « du formateur »…"),
            .value("to", "« à la formatrice », « au formateur »…"),
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
            "signatory": .object(["soussigne": .string(Wording.soussigne(Wording.civility(of: p.signatory))),
                                  "representant": .string(Wording.legalRepresentative(Wording.civility(of: p.signatory)))]),
            "trainer": .object([
                "noun": .string(Wording.trainerNoun(wb.session.trainers)),
                "label": .string(Wording.capitalized(Wording.trainerNoun(wb.session.trainers))),
                "the": .string(Wording.theTrainer(wb.session.trainers)),
                "of": .string(Wording.ofTheTrainer(wb.session.trainers)),
                "to": .string(Wording.toTheTrainer(wb.session.trainers)),
            ]),
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
