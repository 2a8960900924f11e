<?php
/*
 * The hosted IdP. Entity ID = its metadata URL (__DYNAMIC:1__), http://127.0.0.1:<port>/saml2/idp/metadata.php.
 * Signs both the Response and the Assertion with rsa-sha256, like most production IdPs can be configured to.
 */
$metadata['__DYNAMIC:1__'] = [
    'host' => '__DEFAULT__',
    'privatekey' => 'idp.key',
    'certificate' => 'idp.crt',
    'auth' => 'workbench-users',

    'signature.algorithm' => 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    'saml20.sign.response' => true,
    'saml20.sign.assertion' => true,
    'validate.authnrequest' => {{VALIDATE_AUTHN_REQUEST}},

    'attributes.NameFormat' => 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
    // NameID value for non-transient formats (persistent, unspecified) when no authproc filter supplied one.
    'simplesaml.nameidattribute' => 'uid',
    'NameIDFormat' => [
        'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
        'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
        'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
        'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
    ],
    'authproc' => [
        // A requested emailAddress NameID gets the mail attribute (carol has none: the SP default format applies).
        10 => ['class' => 'saml:AttributeNameID', 'attribute' => 'mail', 'Format' => 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
        11 => ['class' => 'saml:AttributeNameID', 'attribute' => 'uid', 'Format' => 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified'],
    ],
];
