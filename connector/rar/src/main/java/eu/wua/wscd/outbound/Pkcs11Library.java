package eu.wua.wscd.outbound;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * The PKCS#11 v2.40 functions the WSCD calls, as every PKCS#11 library exports them, and the
 * constants it needs. {@code CK_ULONG} is a C {@code unsigned long}: {@link NativeLong}. Structures
 * (templates, mechanisms) are laid out by {@link Pkcs11Memory}.
 */
interface Pkcs11Library extends Library {

    long CKR_OK = 0x0;
    long CKR_GENERAL_ERROR = 0x5;
    long CKR_FUNCTION_FAILED = 0x6;
    long CKR_ATTRIBUTE_SENSITIVE = 0x11;
    long CKR_DEVICE_ERROR = 0x30;
    long CKR_DEVICE_MEMORY = 0x31;
    long CKR_DEVICE_REMOVED = 0x32;
    long CKR_KEY_HANDLE_INVALID = 0x60;
    long CKR_OBJECT_HANDLE_INVALID = 0x82;
    long CKR_PIN_INCORRECT = 0xA0;
    long CKR_PIN_LOCKED = 0xA4;
    long CKR_SESSION_CLOSED = 0xB0;
    long CKR_SESSION_HANDLE_INVALID = 0xB3;
    long CKR_TOKEN_NOT_PRESENT = 0xE0;
    long CKR_TOKEN_NOT_RECOGNIZED = 0xE1;
    long CKR_USER_ALREADY_LOGGED_IN = 0x100;
    long CKR_USER_NOT_LOGGED_IN = 0x101;
    long CKR_CRYPTOKI_NOT_INITIALIZED = 0x190;
    long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;

    long CKF_RW_SESSION = 0x2;
    long CKF_SERIAL_SESSION = 0x4;
    long CKF_OS_LOCKING_OK = 0x2;
    long CKU_USER = 1;
    long CKS_RO_USER_FUNCTIONS = 1;
    long CKS_RW_USER_FUNCTIONS = 3;

    long CKO_CERTIFICATE = 1;
    long CKO_PUBLIC_KEY = 2;
    long CKO_PRIVATE_KEY = 3;

    long CKA_CLASS = 0x0;
    long CKA_TOKEN = 0x1;
    long CKA_PRIVATE = 0x2;
    long CKA_LABEL = 0x3;
    long CKA_VALUE = 0x11;
    long CKA_ID = 0x102;
    long CKA_SENSITIVE = 0x103;
    long CKA_SIGN = 0x108;
    long CKA_VERIFY = 0x10A;
    long CKA_EXTRACTABLE = 0x162;
    long CKA_EC_PARAMS = 0x180;
    long CKA_EC_POINT = 0x181;

    long CKM_EC_KEY_PAIR_GEN = 0x1040;
    long CKM_ECDSA = 0x1041;

    NativeLong C_Initialize(Pointer initArgs);

    NativeLong C_GetSlotList(byte tokenPresent, NativeLong[] slots, NativeLongByReference count);

    NativeLong C_OpenSession(NativeLong slot, NativeLong flags, Pointer application, Pointer notify, NativeLongByReference session);

    NativeLong C_CloseSession(NativeLong session);

    NativeLong C_GetSessionInfo(NativeLong session, Pointer info);

    NativeLong C_Login(NativeLong session, NativeLong userType, byte[] pin, NativeLong pinLength);

    NativeLong C_GenerateKeyPair(NativeLong session, Pointer mechanism, Pointer publicTemplate, NativeLong publicCount,
            Pointer privateTemplate, NativeLong privateCount, NativeLongByReference publicKey, NativeLongByReference privateKey);

    NativeLong C_FindObjectsInit(NativeLong session, Pointer template, NativeLong count);

    NativeLong C_FindObjects(NativeLong session, NativeLong[] objects, NativeLong maxCount, NativeLongByReference count);

    NativeLong C_FindObjectsFinal(NativeLong session);

    NativeLong C_GetAttributeValue(NativeLong session, NativeLong object, Pointer template, NativeLong count);

    NativeLong C_SignInit(NativeLong session, Pointer mechanism, NativeLong key);

    NativeLong C_Sign(NativeLong session, Pointer data, NativeLong dataLength, Pointer signature, NativeLongByReference signatureLength);

    NativeLong C_DestroyObject(NativeLong session, NativeLong object);
}
