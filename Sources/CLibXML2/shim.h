#ifndef PERFSOCIALE_CLIBXML2_SHIM_H
#define PERFSOCIALE_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its headers would pull <unicode/*.h>, which clash with the ICU
   module bundled with Foundation. No ICU type crosses our interface, so switch the flag off first. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlstring.h>
/* xmlFree is a global function pointer, which Swift 6 treats as shared mutable state: call it through a function. */
static inline void ps_xmlFree(void *p) { xmlFree(p); }
#endif
