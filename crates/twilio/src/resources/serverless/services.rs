//! Services (the container of everything Serverless, found by SID or unique name) and their
//! environments (where a build is deployed and served, e.g. `foobar-1234-stage.twil.io`).

use futures::Stream;

use super::{Environment, NewService, Service, svc};
use crate::client::Request;
use crate::form::Form;
use crate::page::page_size;
use crate::{Client, EnvironmentSid, Error, Host, ServiceSid};

impl Client {
    pub async fn create_service(&self, s: &NewService) -> Result<Service, Error> {
        let form = Form::new()
            .set("UniqueName", &s.unique_name)
            .set("FriendlyName", &s.friendly_name)
            .opt("IncludeCredentials", s.include_credentials)
            .opt("UiEditable", s.ui_editable)
            .into_pairs();
        self.send(&Request::create(Host::Serverless, "/v1/Services", form))
            .await
    }

    pub fn list_services(&self) -> impl Stream<Item = Result<Service, Error>> + Send + 'static {
        self.items(
            Request::get(Host::Serverless, "/v1/Services").query(vec![page_size(50)]),
            "services",
        )
    }

    pub async fn fetch_service(&self, sid: &ServiceSid) -> Result<Service, Error> {
        self.send(&Request::get(Host::Serverless, svc(sid, "")))
            .await
    }

    /// Fetches a service by its unique name (Twilio accepts it in place of the SID).
    pub async fn fetch_service_named(&self, unique_name: &str) -> Result<Service, Error> {
        let name: String = url::form_urlencoded::byte_serialize(unique_name.as_bytes()).collect();
        self.send(&Request::get(
            Host::Serverless,
            format!("/v1/Services/{name}"),
        ))
        .await
    }

    pub async fn delete_service(&self, sid: &ServiceSid) -> Result<(), Error> {
        self.send_empty(&Request::delete(Host::Serverless, svc(sid, "")))
            .await
    }

    pub async fn create_environment(
        &self,
        service: &ServiceSid,
        unique_name: &str,
        domain_suffix: Option<&str>,
    ) -> Result<Environment, Error> {
        let form = Form::new()
            .set("UniqueName", unique_name)
            .opt("DomainSuffix", domain_suffix)
            .into_pairs();
        self.send(&Request::create(
            Host::Serverless,
            svc(service, "/Environments"),
            form,
        ))
        .await
    }

    pub fn list_environments(
        &self,
        service: &ServiceSid,
    ) -> impl Stream<Item = Result<Environment, Error>> + Send + 'static {
        let req = Request::get(Host::Serverless, svc(service, "/Environments"))
            .query(vec![page_size(50)]);
        self.items(req, "environments")
    }

    pub async fn fetch_environment(
        &self,
        service: &ServiceSid,
        sid: &EnvironmentSid,
    ) -> Result<Environment, Error> {
        self.send(&Request::get(
            Host::Serverless,
            svc(service, &format!("/Environments/{sid}")),
        ))
        .await
    }

    pub async fn delete_environment(
        &self,
        service: &ServiceSid,
        sid: &EnvironmentSid,
    ) -> Result<(), Error> {
        self.send_empty(&Request::delete(
            Host::Serverless,
            svc(service, &format!("/Environments/{sid}")),
        ))
        .await
    }
}
