<?php
/*
 * The service provider under test (the workbench). Assertions go to its ACS with HTTP-POST.
 */
$metadata[{{SP_ENTITY_ID}}] = [
    'AssertionConsumerService' => [
        [
            'Binding' => 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
            'Location' => {{ACS_URL}},
            'index' => 0,
        ],
    ],
    'certData' => {{SP_CERT_DATA}},{{SP_KEYS}}
    'validate.authnrequest' => {{VALIDATE_AUTHN_REQUEST}},
    'NameIDFormat' => {{NAME_ID_FORMAT}},
    'signature.algorithm' => 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    'saml20.sign.response' => true,
    'saml20.sign.assertion' => true,
    'assertion.encryption' => {{ASSERTION_ENCRYPTION}},
    'nameid.encryption' => {{NAMEID_ENCRYPTION}},
    'attributes.NameFormat' => 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
];
