//! Builds (a set of function versions, built for a runtime; poll until no longer `building`)
//! and deployments (a completed build put in an environment, which then serves it).

use futures::Stream;

use super::{Build, BuildStatus, BuildStatusInfo, Deployment, NewBuild, svc};
use crate::client::Request;
use crate::form::Form;
use crate::page::page_size;
use crate::{BuildSid, Client, DeploymentSid, EnvironmentSid, Error, Host, ServiceSid};

impl Client {
    pub async fn create_build(&self, service: &ServiceSid, b: &NewBuild) -> Result<Build, Error> {
        let form = Form::new()
            .each("FunctionVersions", &b.function_versions)
            .each("AssetVersions", &b.asset_versions)
            .opt("Dependencies", b.dependencies.as_ref())
            .opt("Runtime", b.runtime.as_ref())
            .into_pairs();
        self.send(&Request::create(
            Host::Serverless,
            svc(service, "/Builds"),
            form,
        ))
        .await
    }

    pub fn list_builds(
        &self,
        service: &ServiceSid,
    ) -> impl Stream<Item = Result<Build, Error>> + Send + 'static {
        let req =
            Request::get(Host::Serverless, svc(service, "/Builds")).query(vec![page_size(50)]);
        self.items(req, "builds")
    }

    pub async fn fetch_build(&self, service: &ServiceSid, sid: &BuildSid) -> Result<Build, Error> {
        self.send(&Request::get(
            Host::Serverless,
            svc(service, &format!("/Builds/{sid}")),
        ))
        .await
    }

    pub async fn fetch_build_status(
        &self,
        service: &ServiceSid,
        sid: &BuildSid,
    ) -> Result<BuildStatusInfo, Error> {
        self.send(&Request::get(
            Host::Serverless,
            svc(service, &format!("/Builds/{sid}/Status")),
        ))
        .await
    }

    pub async fn delete_build(&self, service: &ServiceSid, sid: &BuildSid) -> Result<(), Error> {
        self.send_empty(&Request::delete(
            Host::Serverless,
            svc(service, &format!("/Builds/{sid}")),
        ))
        .await
    }

    /// Polls the build's status every `every` until it is no longer `building`, for at most
    /// `limit`. Returns the last status (`completed` or `failed`).
    pub async fn wait_for_build(
        &self,
        service: &ServiceSid,
        sid: &BuildSid,
        every: std::time::Duration,
        limit: std::time::Duration,
    ) -> Result<BuildStatus, Error> {
        let started = tokio::time::Instant::now();
        loop {
            let s = self.fetch_build_status(service, sid).await?;
            match s.status {
                Some(BuildStatus::Building) | None => {}
                Some(done) => return Ok(done),
            }
            if started.elapsed() >= limit {
                return Err(Error::Timeout(limit));
            }
            tokio::time::sleep(every).await;
        }
    }

    pub async fn create_deployment(
        &self,
        service: &ServiceSid,
        environment: &EnvironmentSid,
        build: &BuildSid,
    ) -> Result<Deployment, Error> {
        let form = Form::new().set("BuildSid", build).into_pairs();
        self.send(&Request::create(
            Host::Serverless,
            svc(service, &format!("/Environments/{environment}/Deployments")),
            form,
        ))
        .await
    }

    pub fn list_deployments(
        &self,
        service: &ServiceSid,
        environment: &EnvironmentSid,
    ) -> impl Stream<Item = Result<Deployment, Error>> + Send + 'static {
        let req = Request::get(
            Host::Serverless,
            svc(service, &format!("/Environments/{environment}/Deployments")),
        )
        .query(vec![page_size(50)]);
        self.items(req, "deployments")
    }

    pub async fn fetch_deployment(
        &self,
        service: &ServiceSid,
        environment: &EnvironmentSid,
        sid: &DeploymentSid,
    ) -> Result<Deployment, Error> {
        self.send(&Request::get(
            Host::Serverless,
            svc(
                service,
                &format!("/Environments/{environment}/Deployments/{sid}"),
            ),
        ))
        .await
    }
}
