use super::*;
use serde_json::json;

fn read(text: &str) -> (Value, Dialect) {
    match parse_all(text) {
        Ok(read) => read,
        Err(e) => panic!(
            "{text}\nstopped at {:?}: expected {}, found {}",
            line_col(text, e.offset),
            e.expected,
            e.found
        ),
    }
}

/// Reads the first value found in free text, as the input scanner does.
fn read_embedded(text: &str) -> (Value, Dialect) {
    let mut from = 0;
    while let Some(start) = next_start(text, from) {
        if let Ok((value, _, dialect)) = parse_prefix(text, start) {
            if value.is_object() {
                return (value, dialect);
            }
        }
        from = start + 1;
    }
    panic!("nothing read in {text}");
}

#[test]
fn strict_json_reads_without_any_dialect() {
    let (v, d) = read(r#"{"a": [1, 2.5, "x\n\u00e9"], "b": null}"#);
    assert_eq!(v, json!({"a": [1, 2.5, "x\né"], "b": null}));
    assert_eq!(d, Dialect::default());
}

#[test]
fn a_json_number_reads_correctly_rounded_within_a_bit_of_serde_json() {
    // Found by fuzzing: serde_json's default float parser is not correctly
    // rounded, and here differs from Rust's in the last bit.
    let text = "123424678901234560113950e0234";
    let read = read(text).0.as_f64().unwrap();
    assert_eq!(read, text.parse::<f64>().unwrap());
    let strict = serde_json::from_str::<Value>(text)
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(read != strict && read.to_bits().abs_diff(strict.to_bits()) == 1);
}

#[test]
fn python_repr_reads_with_its_keywords() {
    let (v, d) = read("{'error': {'code': 190, 'is_transient': False, 'x': None, 'm': \"it's\"}}");
    assert_eq!(
        v,
        json!({"error": {"code": 190, "is_transient": false, "x": null, "m": "it's"}})
    );
    assert!(d.python);
}

#[test]
fn javascript_literal_reads_with_comments_and_trailing_commas() {
    let text =
        "{\n  error: {\n    message: 'Bad',\n    code: 100, // comment\n    x: undefined,\n  },\n}";
    let (v, d) = read(text);
    assert_eq!(
        v,
        json!({"error": {"message": "Bad", "code": 100, "x": null}})
    );
    assert!(d.javascript);
    assert_eq!(d.notation, None);
}

#[test]
fn a_missing_comma_in_json_is_reported_with_line_and_column() {
    let text = "{\n  \"a\": 1\n  \"b\": 2\n}";
    let err = parse_all(text).unwrap_err();
    assert_eq!(line_col(text, err.offset), (3, 3));
    assert_eq!(err.expected, "`,` or `}` after the value");
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    for opener in [
        "[",
        "{a:",
        "<ref *1> ",
        "&{A:",
        "Foo{a=",
        "#<X a=",
        "Array\n(\n[a] => ",
    ] {
        let text = opener.repeat(100_000);
        let err = parse_all(&text).unwrap_err();
        assert!(err.expected.contains("128"), "{opener}: {err:?}");
    }
}

#[test]
fn a_prefix_read_leaves_the_trailing_text() {
    let text = "{\"a\":1} trailing words";
    let (v, end, _) = parse_prefix(text, 0).unwrap();
    assert_eq!(v, json!({"a": 1}));
    assert_eq!(&text[end..], " trailing words");
}

#[test]
fn surrogate_pairs_decode() {
    let (v, _) = read(r#""\ud83d\ude00""#);
    assert_eq!(v, json!("😀"));
}

#[test]
fn json_cut_off_inside_a_string_is_closed_there() {
    let (v, d) = read(r#"{"error":{"message":"(#131030) Recipient phone number not in allo"#);
    assert_eq!(
        v,
        json!({"error": {"message": "(#131030) Recipient phone number not in allo"}})
    );
    assert!(d.truncated);
}

#[test]
fn json_cut_off_after_a_key_drops_the_key() {
    for text in [
        r#"{"error": {"code": 190, "type": "OAuthException", "fbtrace_id""#,
        r#"{"error": {"code": 190, "type": "OAuthException", "fbtrace_id": "#,
        r#"{"error": {"code": 190, "type": "OAuthException", "fbtr"#,
        r#"{"error": {"code": 190, "type": "OAuthException", "is_transient": fal"#,
    ] {
        let (v, d) = read(text);
        assert_eq!(
            v,
            json!({"error": {"code": 190, "type": "OAuthException"}}),
            "{text}"
        );
        assert!(d.truncated);
    }
}

#[test]
fn json_cut_off_inside_arrays_keeps_the_items_read() {
    let (v, d) =
        read(r#"{"entry": [{"changes": [{"value": {"errors": [{"code": 131047, "title": "Re-en"#);
    assert_eq!(
        v,
        json!({"entry": [{"changes": [{"value": {"errors": [{"code": 131047, "title": "Re-en"}]}}]}]})
    );
    assert!(d.truncated);
}

#[test]
fn placeholders_in_values_items_and_members_are_elided_and_named() {
    let text = r#"{
      "error": {
        "message": "Invalid OAuth access token.",
        "type": "OAuthException",
        "code": 190,
        "error_subcode": ...,
        "fbtrace_id": <redacted>,
        ...
      },
      "entry": [ {...}, { "id": xxx }, … ],
      "token": ***,
      "other": REDACTED,
      "list": [1, [...], 2, […]]
    }"#;
    let (v, d) = read(text);
    assert_eq!(
        v,
        json!({
            "error": {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190,
                      "error_subcode": null, "fbtrace_id": null},
            "entry": [{"id": null}],
            "token": null,
            "other": null,
            "list": [1, 2]
        })
    );
    assert_eq!(d.elided, 10);
    for path in [
        "error.error_subcode",
        "error.fbtrace_id",
        "error",
        "entry",
        "entry[0].id",
        "token",
        "list",
    ] {
        assert!(
            d.elided_paths.iter().any(|p| p == path),
            "{path}: {:?}",
            d.elided_paths
        );
    }
    assert!(!d.truncated);
}

#[test]
fn the_secret_filter_marker_is_a_value_not_an_elision() {
    let (v, d) = read("{ accessToken: [REDACTED], code: 190 }");
    assert_eq!(v, json!({"accessToken": "[REDACTED]", "code": 190}));
    assert_eq!(d.elided, 0);
}

#[test]
fn node_inspect_of_an_axios_error_reads_and_names_what_it_hid() {
    let text = r#"AxiosError: Request failed with status code 400
    at settle (/app/node_modules/axios/dist/node/axios.cjs:2019:12)
    at IncomingMessage.handleStreamEnd (/app/node_modules/axios/dist/node/axios.cjs:3135:11)
    at IncomingMessage.emit (node:events:531:35)
    at Axios.request (/app/node_modules/axios/dist/node/axios.cjs:4287:41) {
  code: 'ERR_BAD_REQUEST',
  config: {
    transitional: {
      silentJSONParsing: true,
      forcedJSONParsing: true,
      clarifyTimeoutError: false
    },
    adapter: [ 'xhr', 'http', 'fetch' ],
    transformRequest: [ [Function: transformRequest] ],
    transformResponse: [ [Function: transformResponse] ],
    timeout: 0,
    env: { FormData: [Function [FormData]] { LINE_BREAK: '\r\n' }, Blob: [class Blob] },
    validateStatus: [Function: validateStatus],
    headers: Object [AxiosHeaders] {
      Accept: 'application/json, text/plain, */*',
      'Content-Type': 'application/json',
      Authorization: 'Bearer [REDACTED]',
      'User-Agent': 'axios/1.7.2'
    },
    method: 'post',
    url: 'https://graph.facebook.com/v19.0/1234/messages',
    data: '{"messaging_product":"whatsapp","to":"15551234567","type":"template"}'
  },
  request: <ref *1> ClientRequest {
    _events: [Object: null prototype] {
      abort: [Function (anonymous)],
      error: [Function: handleRequestError],
      socket: [Function: handleRequestSocket]
    },
    _eventsCount: 7,
    _maxListeners: undefined,
    outputData: [],
    _header: 'POST /v19.0/1234/messages HTTP/1.1\r\n' +
      'Accept: application/json, text/plain, */*\r\n' +
      'Content-Type: application/json\r\n',
    agent: Agent { maxSockets: Infinity, [Symbol(kCapture)]: false },
    res: IncomingMessage { rawHeaders: [Array], upgrade: false, client: [TLSSocket] },
    [Symbol(kOutHeaders)]: [Object: null prototype] { accept: [Array] }
  },
  response: {
    status: 400,
    statusText: 'Bad Request',
    headers: Object [AxiosHeaders] {
      'content-type': 'application/json; charset=UTF-8',
      'www-authenticate': 'OAuth "Facebook Platform" "invalid_request" "(#100) Invalid parameter"',
      date: 'Tue, 11 Jun 2024 10:00:00 GMT'
    },
    config: { url: 'https://graph.facebook.com/v19.0/1234/messages', method: 'post' },
    request: <ref *1> ClientRequest { _ended: true, [Symbol(kNeedDrain)]: false },
    data: { error: [Object] }
  },
  status: 400
}"#;
    let (v, d) = read_embedded(text);
    assert_eq!(d.notation, Some(Notation::NodeInspect));
    assert_eq!(v["response"]["status"], json!(400));
    assert_eq!(v["response"]["data"], json!({"error": null}));
    assert_eq!(
        v["request"]["_header"],
        json!("POST /v19.0/1234/messages HTTP/1.1\r\nAccept: application/json, text/plain, */*\r\nContent-Type: application/json\r\n")
    );
    assert!(v["request"]["_events"].is_object());
    assert!(v["request"].get("Symbol(kOutHeaders)").is_none());
    assert!(
        d.hidden_paths.iter().any(|p| p == "response.data.error"),
        "{:?}",
        d.hidden_paths
    );
    assert!(d.hidden_paths.iter().any(|p| p == "request.res.client"));
    assert_eq!(d.elided, 0);
}

#[test]
fn node_maps_sets_buffers_and_long_arrays_read() {
    let text = "{ m: Map(2) { 'a' => 1, 'b' => { c: 2 } }, s: Set(2) { 'x', 'y' }, \
                b: <Buffer 7b 22 61 22 3a 31 7d>, long: [ 1, 2, ... 98 more items ], sym: Symbol(foo), \
                circular: [Circular *1], when: 2024-06-11T10:00:00.000Z, big: 12n }";
    let (v, d) = read(text);
    assert_eq!(
        v,
        json!({"m": {"a": 1, "b": {"c": 2}}, "s": ["x", "y"], "b": "{\"a\":1}", "long": [1, 2],
               "sym": "Symbol(foo)", "circular": null, "when": "2024-06-11T10:00:00.000Z", "big": "12n"})
    );
    assert_eq!(d.notation, Some(Notation::NodeInspect));
    assert_eq!(d.hidden_paths, vec!["long"]);
}

#[test]
fn ruby_hashes_read_with_arrows_symbols_and_nil() {
    let (v, d) = read(
        r#"{"error"=>{"message"=>"Invalid OAuth access token.", :type=>"OAuthException", code: 190, "fbtrace_id"=>nil, "x" => :sym}}"#,
    );
    assert_eq!(
        v,
        json!({"error": {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190, "fbtrace_id": null, "x": "sym"}})
    );
    assert_eq!(d.notation, Some(Notation::RubyInspect));
}

#[test]
fn ruby_objects_read_their_attributes_and_skip_what_is_not_data() {
    let text = r#"#<Faraday::Response:0x00007f8b1c0a2b48 @on_complete_callbacks=[], @env=#<Faraday::Env @method=:post @url=#<URI::HTTPS https://graph.facebook.com/v19.0/me> @status=400 @body="{\"error\":{\"code\":190}}" @response_headers={"content-type"=>"application/json"}>>"#;
    let (v, d) = read(text);
    assert_eq!(v["env"]["status"], json!(400));
    assert_eq!(v["env"]["method"], json!("post"));
    assert_eq!(v["env"]["body"], json!("{\"error\":{\"code\":190}}"));
    assert_eq!(
        v["env"]["response_headers"],
        json!({"content-type": "application/json"})
    );
    assert_eq!(d.notation, Some(Notation::RubyInspect));
    let (v, _) = read("#<OpenStruct error=#<OpenStruct message=\"Bad\", code=100>>");
    assert_eq!(v, json!({"error": {"message": "Bad", "code": 100}}));
}

#[test]
fn a_rails_log_line_gives_its_params_hash() {
    let text = r#"Started POST "/webhooks/whatsapp" for 10.0.0.1 at 2024-06-11 10:00:00 +0000
Processing by WebhooksController#create as JSON
  Parameters: {"object"=>"whatsapp_business_account", "entry"=>[{"id"=>"102", "changes"=>[{"field"=>"messages", "value"=>{"statuses"=>[{"id"=>"wamid.X", "status"=>"failed", "errors"=>[{"code"=>131026, "title"=>"Message undeliverable"}]}]}}]}]}"#;
    let (v, d) = read_embedded(text);
    assert_eq!(
        v["entry"][0]["changes"][0]["value"]["statuses"][0]["errors"][0]["code"],
        json!(131026)
    );
    assert_eq!(d.notation, Some(Notation::RubyInspect));
}

#[test]
fn php_print_r_reads_nested_arrays_and_objects() {
    let text = "Array\n(\n    [error] => Array\n        (\n            [message] => (#100) Invalid parameter: the value (x) is wrong\n            [type] => OAuthException\n            [code] => 100\n            [error_subcode] => 33\n            [error_data] => stdClass Object\n                (\n                    [details] => Param [to] is not a valid phone number.\n                )\n\n            [is_transient] => \n            [fbtrace_id] => AbC-123\n        )\n\n)\n";
    let (v, d) = read(text);
    assert_eq!(
        v,
        json!({"error": {"message": "(#100) Invalid parameter: the value (x) is wrong", "type": "OAuthException",
                         "code": 100, "error_subcode": 33, "error_data": {"details": "Param [to] is not a valid phone number."},
                         "is_transient": "", "fbtrace_id": "AbC-123"}})
    );
    assert_eq!(d.notation, Some(Notation::PhpPrintR));
}

#[test]
fn php_print_r_on_one_line_and_exception_objects_read() {
    let (v, _) = read("Array ( [error] => Array ( [message] => Invalid OAuth access token. [type] => OAuthException [code] => 190 ) )");
    assert_eq!(
        v,
        json!({"error": {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190}})
    );
    let text = "Facebook\\Exceptions\\FacebookResponseException Object\n(\n    [message:protected] => Error validating access token: Session has expired on Monday, 10-Jun-24 10:00:00 PDT.\n    [code:protected] => 190\n    [responseData:protected] => Array\n        (\n            [error] => Array\n                (\n                    [code] => 190\n                    [error_subcode] => 463\n                )\n\n        )\n\n)";
    let (v, d) = read(text);
    assert_eq!(
        v["responseData"]["error"],
        json!({"code": 190, "error_subcode": 463})
    );
    assert_eq!(d.notation, Some(Notation::PhpPrintR));
}

#[test]
fn php_var_dump_reads_typed_scalars_and_trusts_string_lengths() {
    let text = "array(1) {\n  [\"error\"]=>\n  array(5) {\n    [\"message\"]=>\n    string(29) \"Quote \" inside, and (#100) x\"\n    [\"code\"]=>\n    int(100)\n    [\"is_transient\"]=>\n    bool(false)\n    [\"x\"]=>\n    NULL\n    [\"list\"]=>\n    array(2) {\n      [0]=>\n      float(1.5)\n      [1]=>\n      int(2)\n    }\n  }\n}\n";
    let (v, d) = read(text);
    assert_eq!(
        v,
        json!({"error": {"message": "Quote \" inside, and (#100) x", "code": 100, "is_transient": false, "x": null, "list": [1.5, 2]}})
    );
    assert_eq!(d.notation, Some(Notation::PhpVarDump));
    let (v, _) = read("object(stdClass)#1 (1) {\n  [\"error\"]=>\n  object(stdClass)#2 (1) {\n    [\"code\"]=>\n    int(190)\n  }\n}");
    assert_eq!(v, json!({"error": {"code": 190}}));
}

#[test]
fn php_var_export_and_symfony_dumps_read() {
    let text = "array (\n  'error' => \n  array (\n    'message' => 'It\\'s (#100) C:\\\\path',\n    'code' => 100,\n    'is_transient' => false,\n    'x' => NULL,\n    'list' => \n    array (\n      0 => 'a',\n      1 => 'b',\n    ),\n  ),\n)";
    let (v, d) = read(text);
    assert_eq!(
        v,
        json!({"error": {"message": "It's (#100) C:\\path", "code": 100, "is_transient": false, "x": null, "list": ["a", "b"]}})
    );
    assert_eq!(d.notation, Some(Notation::PhpVarExport));
    let text = "array:1 [\n  \"error\" => array:3 [\n    \"message\" => \"Invalid OAuth access token.\"\n    \"code\" => 190\n    \"list\" => array:2 [\n      0 => \"a\"\n      1 => \"b\"\n    ]\n  ]\n]";
    let (v, d) = read(text);
    assert_eq!(
        v,
        json!({"error": {"message": "Invalid OAuth access token.", "code": 190, "list": ["a", "b"]}})
    );
    assert_eq!(d.notation, Some(Notation::SymfonyDump));
    let (v, _) = read(
        "App\\Error {#123 ▼\n  +\"message\": \"Bad\"\n  -code: 100\n  #type: \"OAuthException\"\n}",
    );
    assert_eq!(
        v,
        json!({"message": "Bad", "code": 100, "type": "OAuthException"})
    );
}

#[test]
fn java_maps_read_unquoted_values_up_to_the_next_key() {
    let (v, d) = read("{error={message=Error validating access token: Session has expired on Tuesday, 11-Jun-24 10:00:00 PDT. The current time is Wednesday, 12-Jun-24 (x), type=OAuthException, code=190, error_subcode=463, fbtrace_id=AbC_1}}");
    assert_eq!(
        v,
        json!({"error": {"message": "Error validating access token: Session has expired on Tuesday, 11-Jun-24 10:00:00 PDT. The current time is Wednesday, 12-Jun-24 (x)",
                         "type": "OAuthException", "code": 190, "error_subcode": 463, "fbtrace_id": "AbC_1"}})
    );
    assert_eq!(d.notation, Some(Notation::JavaToString));
}

#[test]
fn the_android_sdk_error_names_become_graph_names() {
    let text = "{Response:  responseCode: 400, graphObject: null, error: {HttpStatus: 400, errorCode: 190, subErrorCode: 463, errorType: OAuthException, errorMessage: Error validating access token: Session has expired on Tuesday, 11-Jun-24.}}";
    let (v, d) = read(text);
    assert_eq!(
        v["error"],
        json!({"http_status": 400, "code": 190, "error_subcode": 463, "type": "OAuthException",
               "message": "Error validating access token: Session has expired on Tuesday, 11-Jun-24."})
    );
    assert!(d.renamed_keys);
    assert_eq!(d.notation, Some(Notation::JavaToString));
    let (v, _) = read("GraphResponse{responseCode: 400, graphObject: null, error: {HttpStatus: 400, errorCode: 100, errorType: GraphMethodException, errorMessage: Unsupported get request.}}");
    assert_eq!(v["error"]["code"], json!(100));
}

#[test]
fn kotlin_data_classes_read_with_snake_case_names() {
    let (v, d) = read("Error(code=190, message=Invalid OAuth access token (bad), errorSubcode=460, fbtraceId=A1, isTransient=false)");
    assert_eq!(
        v,
        json!({"code": 190, "message": "Invalid OAuth access token (bad)", "error_subcode": 460, "fbtrace_id": "A1", "is_transient": false})
    );
    assert_eq!(d.notation, Some(Notation::JavaToString));
    let (v, _) = read_embedded("W/Graph: GraphError(error=ErrorBody(code=100, message=Bad))");
    assert_eq!(v, json!({"error": {"code": 100, "message": "Bad"}}));
}

#[test]
fn go_structs_and_maps_read_with_json_names() {
    let (v, d) = read("&{Error:{Message:Invalid OAuth access token: cannot parse. Type:OAuthException Code:190 ErrorSubcode:460 FbtraceID:A-b_1 ErrorUserMsg: IsTransient:false}}");
    assert_eq!(
        v,
        json!({"error": {"message": "Invalid OAuth access token: cannot parse.", "type": "OAuthException", "code": 190,
                         "error_subcode": 460, "fbtrace_id": "A-b_1", "error_user_msg": "", "is_transient": false}})
    );
    assert_eq!(d.notation, Some(Notation::GoFormat));
    assert!(d.renamed_keys);
    let (v, _) = read("map[error:map[code:190 message:Invalid OAuth access token. type:OAuthException] ids:[1 2 3] none:<nil>]");
    assert_eq!(
        v,
        json!({"error": {"code": 190, "message": "Invalid OAuth access token.", "type": "OAuthException"}, "ids": [1, 2, 3], "none": null})
    );
}

#[test]
fn a_log_prefix_on_every_line_is_skipped() {
    let text = "2017-01-11T17:24:45.471413+00:00 app[web.1]: Error:  { message: '(#230) Requires pages_messaging permission to manage the object',\n2017-01-11T17:24:45.471423+00:00 app[web.1]:   type: 'OAuthException',\n2017-01-11T17:24:45.471424+00:00 app[web.1]:   code: 230,\n2017-01-11T17:24:45.471424+00:00 app[web.1]:   fbtrace_id: 'ABwdzh7Rhfl' }";
    let (v, d) = read_embedded(text);
    assert_eq!(
        v,
        json!({"message": "(#230) Requires pages_messaging permission to manage the object", "type": "OAuthException", "code": 230, "fbtrace_id": "ABwdzh7Rhfl"})
    );
    assert!(d.line_prefixes);
}

#[test]
fn a_quoted_string_holding_json_is_a_start() {
    let text = r#"Error: UnexpectedError("{\"error\":{\"code\":100}}")"#;
    let start = next_start(text, 0).unwrap();
    let (v, _, _) = parse_prefix(text, start).unwrap();
    assert_eq!(v, json!("{\"error\":{\"code\":100}}"));
}

#[test]
fn error_text_without_a_dict_gives_no_value() {
    for text in [
        "Facebook.FacebookOAuthException: (OAuthException - #190) Error validating access token: Session has expired",
        "com.restfb.exception.FacebookOAuthException: Received Facebook error response of type OAuthException: Error validating access token (code 190, subcode 463) 'Session has expired' - 'Error'",
        "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n    r.raise_for_status()\nrequests.exceptions.HTTPError: 400 Client Error: Bad Request for url: https://graph.facebook.com/v19.0/me",
        "type: OAuthException, code: 190, error_subcode: 463, message: Error validating access token [HTTP 400]",
    ] {
        let mut from = 0;
        while let Some(start) = next_start(text, from) {
            if let Ok((value, _, _)) = parse_prefix(text, start) {
                assert!(
                    !value.as_object().is_some_and(|o| o.contains_key("code") || o.contains_key("error")),
                    "{text} gave {value}"
                );
            }
            from = start + 1;
        }
    }
}

#[test]
fn snake_case_follows_go_and_java_conventions() {
    for (name, snake) in [
        ("ErrorSubcode", "error_subcode"),
        ("FbtraceID", "fbtrace_id"),
        ("ErrorUserMsg", "error_user_msg"),
        ("HTTPStatus", "http_status"),
        ("fbtraceId", "fbtrace_id"),
        ("code", "code"),
        ("error_data", "error_data"),
    ] {
        assert_eq!(snake_case(name), snake);
    }
}

#[test]
fn members_whose_opening_brace_was_not_copied_are_read() {
    let text = "I get error as below from meta :\n   message: '(#132001) Template name does not exist in the translation',\n    type: 'OAuthException',\n    code: 132001,\n    error_data: {\n      messaging_product: 'whatsapp',\n      details: 'template name (cg_quest_text) does not exist in en_US'\n    },\n    fbtrace_id: 'A5Ld_C-mecwFT9GzebFGU0m'\n  }\n\nPlease guide as to what could be the issue.";
    let (v, _) = parse_members(text).unwrap();
    assert_eq!(v["code"], json!(132001));
    assert_eq!(
        v["error_data"]["details"],
        json!("template name (cg_quest_text) does not exist in en_US")
    );
    assert_eq!(v.as_object().unwrap().len(), 5);
    let (v, _) = parse_members("type: OAuthException, code: 190, error_subcode: 463, message: Error validating access token: Session has expired [HTTP 400]").unwrap();
    assert_eq!(v["error_subcode"], json!(463));
    assert_eq!(
        v["message"],
        json!("Error validating access token: Session has expired [HTTP 400]")
    );
    assert!(parse_members("it does not work: help\nplease").is_none());
}

/// Found by fuzzing: a Ruby object whose string ends in a cut escape read
/// past the end of the text.
#[test]
fn a_ruby_object_whose_string_is_cut_inside_an_escape_ends_inside_the_text() {
    for text in [
        "#< n\"\\u",
        "#< n\"\\u0",
        "#< n\"\\x",
        "#< n\"\\",
        "#<A b \"\\u00",
    ] {
        if let Ok((_, end, _)) = parse_prefix(text, 0) {
            assert!(
                end <= text.len() && text.is_char_boundary(end),
                "{text:?}: {end}"
            );
        }
    }
}
