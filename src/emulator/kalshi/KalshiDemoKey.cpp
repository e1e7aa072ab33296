#include "KalshiDemoKey.h"

// ============================================================================================================
// TEST-ONLY KEY PAIR, generated for the Tapescope emulator with
//   openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048
// Anyone can read it here, so it protects nothing. Kalshi never issued it. Do not use it anywhere but the emulator.
// ============================================================================================================

namespace tapescope::emulator::kalshi {

namespace {

constexpr char kDemoKeyId[] = "00000000-test-only-0000-tapescope-emulator";

constexpr char kDemoPrivateKeyPem[] = "-----BEGIN PRIVATE KEY-----\n"
                                      "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC8V78LPAULxmGx\n"
                                      "o1PnDyOoR3PA2n12JQsHoqzx3GoOJaagI2PNMFYycmOBNEwN7PjhyJJ7UU0Eo8+3\n"
                                      "OSZJXubOTwfXtJ36HJS+qvRbAIMM7reblG7NawHu33XS8F9N3Rmj2yZVH5Vg7rkD\n"
                                      "meb8ONFtHdhETvhJowtdECofIGa7AH2sAHpnlK3R1M+gtTaQrID0i3gkLFhunoKC\n"
                                      "HEpmGsI35pcR9A8DBEjewis/ZWsuppn9HtD5FN0bdXDE4xzx9sNTuvH0rCXAGKAL\n"
                                      "X0vi6RQQXbsR5kG/e7+Ns16rDY22mnP3WAw56KG2z3ZsAd1QzxoxEY6ybmSWhPsz\n"
                                      "87jAin3tAgMBAAECgf9wkACdtkFNyEKa6AI9Fc85w3pqyCozcfAloBO8eP7pdZcg\n"
                                      "HgaHm1voynStw5OwvvAAAN+K1AwzubNqzb0UHKPUqWcGg+vmjy5WxdVEjgnEsOcL\n"
                                      "FKskGdAN8393kjFjV8D7LP674SRlykbI4DIsi8iebjfSm1/Ioqkn9YE3GSZMm/eL\n"
                                      "zuWrTMBoOl2nrOyzhdj6Y/Qsr59GdRsaopClHyEayxa3xnMmV0noUoRWnFcCr9s4\n"
                                      "l8NEnmrOmdyRDT2LYm2KEYGBCzycGLTQ+f8lgBH+ZIEkN7SxeS2VkYrGiwnyyyGk\n"
                                      "bc85Ed23hqDcUoxQq68IkhnlS/XujInO3xlb6n0CgYEA6VlEuXPedE+nNSFat9VQ\n"
                                      "bVmW8D+DitxUQkXG0o+99pAc4DZJNYQp9pdwQL7/N8YyVt+mKN1haVZ5Jaf1uhzz\n"
                                      "1HUSPP+pEADLQmIrzf1OKmJFapdGG4MMAWHkoG/G0Fm4XSJcnb2aVuvODAraneo9\n"
                                      "i/X1NJGOU+fNiPoywN5k8v8CgYEAzqATsRgxVnF6819+VfHToP1GobgV5rv8pVyO\n"
                                      "6SWHANG/WfoDP6+5zAGyQGcWbO5D9k0+HyNttE/UsOXbTcGPh0I4htKgzLS0k1lr\n"
                                      "BThvC/2iW0w9r5Z9WAJmywqcYi/8uhOgUp+lJlbmEQ2TUmmMibTULdhDBkLHZD4W\n"
                                      "dPzkixMCgYEA4NtUjiBJTGs1BM2PTXYQek7KU9fgOf72cqYqYNyCgQV9zdCB2z/v\n"
                                      "798eHEXwSR6Dg5Mf2mD5bTgWpWKkNyOPEjt9x6nUj8c0FlPjQivFFrJ7kasTs48k\n"
                                      "EnDyjmcnfb33GkfyV05NW1T+yDvtTh5aEHSCRJW+QLwuIsB2B8RGIqECgYEAj3fk\n"
                                      "1GVo9I2tAkl/DivwdusF3QpV4rUKssL20/njqHT6+X24PcNFLdrLqx4pGw/BjsaJ\n"
                                      "aNOPu9BmbUHcqTvJ7e/UEgEz949NhrZisehCar/8uInSlxXWCIL6XucKOL77KzSv\n"
                                      "cE87O8jAzHxxm5qAI6m0XfS4bSN3ESpvK2HhSpMCgYEAntRGVWnopiEHJ1SPEzpL\n"
                                      "nhweGftApuJOH6LaGcxCL4AJkocdcqpMGCUBlSGAkrpbeSwIY8SZN/ZwPmG2su/D\n"
                                      "kWdPyuBqVqJSBAMMxIJYo0VQPHDWoyuc9IMg4ERi6HJhnSz8aKDTKJaDX34iFgaq\n"
                                      "LrWYxFTTaT33eIWvup80Hzo=\n"
                                      "-----END PRIVATE KEY-----\n";

constexpr char kDemoPublicKeyPem[] = "-----BEGIN PUBLIC KEY-----\n"
                                     "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvFe/CzwFC8ZhsaNT5w8j\n"
                                     "qEdzwNp9diULB6Ks8dxqDiWmoCNjzTBWMnJjgTRMDez44ciSe1FNBKPPtzkmSV7m\n"
                                     "zk8H17Sd+hyUvqr0WwCDDO63m5RuzWsB7t910vBfTd0Zo9smVR+VYO65A5nm/DjR\n"
                                     "bR3YRE74SaMLXRAqHyBmuwB9rAB6Z5St0dTPoLU2kKyA9It4JCxYbp6CghxKZhrC\n"
                                     "N+aXEfQPAwRI3sIrP2VrLqaZ/R7Q+RTdG3VwxOMc8fbDU7rx9KwlwBigC19L4ukU\n"
                                     "EF27EeZBv3u/jbNeqw2Ntppz91gMOeihts92bAHdUM8aMRGOsm5kloT7M/O4wIp9\n"
                                     "7QIDAQAB\n"
                                     "-----END PUBLIC KEY-----\n";

} // namespace

tapescope::kalshi::Credentials demoCredentials()
{
    return { QByteArray(kDemoKeyId), QByteArray(kDemoPrivateKeyPem) };
}

QByteArray demoPublicKeyPem()
{
    return QByteArray(kDemoPublicKeyPem);
}

} // namespace tapescope::emulator::kalshi
