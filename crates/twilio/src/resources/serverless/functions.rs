//! Functions and their versions: a function is a named container; each version holds code,
//! a path and a visibility, and is uploaded as `multipart/form-data` to the upload host
//! (`serverless-upload.twilio.com`), which the OpenAPI spec does not describe.

use futures::Stream;

use super::{Function, FunctionVersion, FunctionVersionContent, NewFunctionVersion, svc};
use crate::client::{Part, Request};
use crate::form::Form;
use crate::page::page_size;
use crate::{Client, Error, FunctionSid, FunctionVersionSid, Host, ServiceSid};

impl Client {
    pub async fn create_function(
        &self,
        service: &ServiceSid,
        friendly_name: &str,
    ) -> Result<Function, Error> {
        let form = Form::new().set("FriendlyName", friendly_name).into_pairs();
        self.send(&Request::create(
            Host::Serverless,
            svc(service, "/Functions"),
            form,
        ))
        .await
    }

    pub fn list_functions(
        &self,
        service: &ServiceSid,
    ) -> impl Stream<Item = Result<Function, Error>> + Send + 'static {
        let req =
            Request::get(Host::Serverless, svc(service, "/Functions")).query(vec![page_size(50)]);
        self.items(req, "functions")
    }

    pub async fn fetch_function(
        &self,
        service: &ServiceSid,
        sid: &FunctionSid,
    ) -> Result<Function, Error> {
        self.send(&Request::get(
            Host::Serverless,
            svc(service, &format!("/Functions/{sid}")),
        ))
        .await
    }

    pub async fn update_function(
        &self,
        service: &ServiceSid,
        sid: &FunctionSid,
        friendly_name: &str,
    ) -> Result<Function, Error> {
        let form = Form::new().set("FriendlyName", friendly_name).into_pairs();
        self.send(&Request::update(
            Host::Serverless,
            svc(service, &format!("/Functions/{sid}")),
            form,
        ))
        .await
    }

    pub async fn delete_function(
        &self,
        service: &ServiceSid,
        sid: &FunctionSid,
    ) -> Result<(), Error> {
        self.send_empty(&Request::delete(
            Host::Serverless,
            svc(service, &format!("/Functions/{sid}")),
        ))
        .await
    }

    /// Uploads new code: `POST` to the upload host as `multipart/form-data` (outside the spec).
    pub async fn create_function_version(
        &self,
        service: &ServiceSid,
        function: &FunctionSid,
        v: &NewFunctionVersion,
    ) -> Result<FunctionVersion, Error> {
        let mut req = Request::create(
            Host::ServerlessUpload,
            svc(service, &format!("/Functions/{function}/Versions")),
            vec![],
        );
        req.parts = vec![
            Part::file(
                "Content",
                &v.file_name,
                "application/javascript",
                v.content.clone(),
            ),
            Part::text("Path", v.path.clone()),
            Part::text("Visibility", v.visibility.as_str()),
        ];
        self.send(&req).await
    }

    pub fn list_function_versions(
        &self,
        service: &ServiceSid,
        function: &FunctionSid,
    ) -> impl Stream<Item = Result<FunctionVersion, Error>> + Send + 'static {
        let req = Request::get(
            Host::Serverless,
            svc(service, &format!("/Functions/{function}/Versions")),
        )
        .query(vec![page_size(50)]);
        self.items(req, "function_versions")
    }

    pub async fn fetch_function_version(
        &self,
        service: &ServiceSid,
        function: &FunctionSid,
        sid: &FunctionVersionSid,
    ) -> Result<FunctionVersion, Error> {
        self.send(&Request::get(
            Host::Serverless,
            svc(service, &format!("/Functions/{function}/Versions/{sid}")),
        ))
        .await
    }

    pub async fn fetch_function_version_content(
        &self,
        service: &ServiceSid,
        function: &FunctionSid,
        sid: &FunctionVersionSid,
    ) -> Result<FunctionVersionContent, Error> {
        self.send(&Request::get(
            Host::Serverless,
            svc(
                service,
                &format!("/Functions/{function}/Versions/{sid}/Content"),
            ),
        ))
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_parts_are_framed() {
        let body = crate::client::multipart_body(
            &[
                Part::file("Content", "router.js", "application/javascript", "x=1;"),
                Part::text("Path", "/router"),
            ],
            "B",
        );
        let text = String::from_utf8(body).unwrap();
        assert_eq!(
            text,
            "--B\r\nContent-Disposition: form-data; name=\"Content\"; filename=\"router.js\"\r\nContent-Type: application/javascript\r\n\r\nx=1;\r\n--B\r\nContent-Disposition: form-data; name=\"Path\"\r\n\r\n/router\r\n--B--\r\n"
        );
    }
}
