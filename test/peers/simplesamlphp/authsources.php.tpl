<?php
/*
 * Test users of the SimpleSAMLphp test IdP (exampleauth:UserPass, "user:password" => attributes).
 * Three shapes real IdPs produce: multi-valued groups, a single group, no groups and no mail.
 */
$config = [
    'admin' => ['core:AdminPassword'],

    'workbench-users' => [
        'exampleauth:UserPass',
        'alice:alicepass' => [
            'uid' => ['alice'],
            'mail' => ['alice@example.test'],
            // Also under the name the SP's default email mapping reads (ClearML needs an email).
            'email' => ['alice@example.test'],
            'displayName' => ['Alice Admin'],
            'givenName' => ['Alice'],
            'sn' => ['Admin'],
            'memberOf' => ['sso-admins', 'ml-engineers'],
        ],
        'bob:bobpass' => [
            'uid' => ['bob'],
            'mail' => ['bob@example.test'],
            'email' => ['bob@example.test'],
            'displayName' => ['Bob Viewer'],
            'givenName' => ['Bob'],
            'sn' => ['Viewer'],
            'memberOf' => ['viewers'],
        ],
        'carol:carolpass' => [
            'uid' => ['carol'],
            'displayName' => ['Carol NoMail'],
            'givenName' => ['Carol'],
            'sn' => ['NoMail'],
        ],
    ],
];
