from samskap.documents.schemas import DocumentCreate, DocumentPage, DocumentRead, DocumentUpdate
from samskap.documents.service import DocumentService
from samskap.kit.routes import crud_router

router = crud_router(
    path="/documents",
    resource="documents",
    singular="document",
    service=DocumentService,
    read=DocumentRead,
    create=DocumentCreate,
    update=DocumentUpdate,
    page=DocumentPage,
    descriptions={
        "list": "One page of the programme's document register you may see, newest first. An "
        "observer (or an API token with scope `read`) sees a document exempt from public "
        "access only as its title, kind, date and exemption basis (`withheld`).",
        "create": "Registers a document (decision, note, agreement, hearing letter or response, "
        "minutes, presentation, plan, report) with a file (`file_id`, from POST /files) or a "
        "link, the records it concerns, and its status under offentleglova: `public`, or "
        "`exempt` with its legal basis (`exemption_basis`, required then and cleared when "
        "public).",
    },
)
