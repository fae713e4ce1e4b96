from samskap.kit.routes import crud_router
from samskap.templates.schemas import TemplateCreate, TemplatePage, TemplateRead, TemplateUpdate
from samskap.templates.service import TemplateService

router = crud_router(
    path="/templates",
    resource="templates",
    singular="template",
    service=TemplateService,
    read=TemplateRead,
    create=TemplateCreate,
    update=TemplateUpdate,
    page=TemplatePage,
    descriptions={
        "create": "Creates a template (mal) that submissions follow: guidance, ordered sections "
        "(each with a unique key and an optional maximum length in characters) and the "
        "attachments a version must carry before it is submitted. A key used twice answers 422 "
        "`duplicate_key` at its place, e.g. `/sections/2/key`.",
        "delete": "Deletes a template; one that submissions follow answers 409.",
    },
)
