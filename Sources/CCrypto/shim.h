#ifndef PERFSOCIALE_CCRYPTO_SHIM_H
#define PERFSOCIALE_CCRYPTO_SHIM_H
#include <openssl/evp.h>
/* One-shot SHA-256 through OpenSSL (SHA-NI / AVX2 where the CPU has them). Returns 1 on success. */
static inline int ps_sha256(const void *data, size_t len, unsigned char out[32]) {
    unsigned int n = 0;
    return EVP_Digest(data, len, out, &n, EVP_sha256(), NULL);
}
#endif
