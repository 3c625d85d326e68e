import Foundation

/// A system error (Foundation's file operations, a process that cannot start) in French, for messages: never
/// « Error Domain=NSCocoaErrorDomain Code=4 … » nor « (NSCocoaErrorDomain error 512.) ».
public enum SystemErrorText {
    public static func french(_ error: Error) -> String {
        let ns = error as NSError
        // The POSIX cause says most: Foundation wraps it as the underlying error.
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return posix(Int32(underlying.code))
        }
        if ns.domain == NSPOSIXErrorDomain { return posix(Int32(ns.code)) }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "fichier ou dossier introuvable"
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "accès refusé"
            case NSFileWriteOutOfSpaceError: return "plus de place sur le disque"
            case NSFileWriteVolumeReadOnlyError: return "disque en lecture seule"
            case NSFileWriteFileExistsError: return "un fichier du même nom existe déjà"
            case NSFileReadCorruptFileError: return "fichier illisible"
            case NSFileReadTooLargeError: return "fichier trop grand"
            case NSFileReadInapplicableStringEncodingError, NSFileWriteInapplicableStringEncodingError: return "encodage de texte non pris en charge"
            case NSFileWriteUnknownError: return "écriture impossible"
            case NSFileReadUnknownError: return "lecture impossible"
            default: return "erreur du système de fichiers (n° \(ns.code))"
            }
        }
        return "erreur système (\(ns.domain) n° \(ns.code))"
    }

    static func posix(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "fichier ou dossier introuvable"
        case EACCES, EPERM: return "accès refusé"
        case EEXIST: return "un fichier du même nom existe déjà"
        case ENOTDIR: return "un élément du chemin n'est pas un dossier"
        case EISDIR: return "c'est un dossier"
        case ENOSPC: return "plus de place sur le disque"
        case EROFS: return "disque en lecture seule"
        case ENAMETOOLONG: return "nom trop long"
        case ENOTEMPTY: return "dossier non vide"
        case EXDEV: return "déplacement impossible entre deux disques"
        case EIO: return "erreur d'entrée-sortie du disque"
        case EDQUOT: return "quota disque dépassé"
        case ENOMEM: return "mémoire insuffisante"
        default: return "erreur système n° \(code)"
        }
    }
}
